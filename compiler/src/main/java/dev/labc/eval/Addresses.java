package dev.labc.eval;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP and CIDR arithmetic on literal addresses; never resolves names or touches the network. */
public final class Addresses {
  private Addresses() {}

  public static boolean isIp(String s) {
    return parse(s) != null;
  }

  public static boolean isCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) return false;
    byte[] a = parse(s.substring(0, slash));
    if (a == null) return false;
    try {
      int bits = Integer.parseInt(s.substring(slash + 1));
      return bits >= 0 && bits <= a.length * 8;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The bytes of a literal address, or null: only digit-and-colon forms, never a hostname lookup. */
  static byte[] parse(String s) {
    if (s.isEmpty() || !s.matches("[0-9a-fA-F:.]+")) return null;
    if (!s.contains(":") && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return null;
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** First and last address of a CIDR as numbers, and the address width in bits. */
  public record Range(BigInteger first, BigInteger last, int width) {
    public boolean overlaps(Range o) {
      return width == o.width && first.compareTo(o.last) <= 0 && o.first.compareTo(last) <= 0;
    }

    public boolean contains(BigInteger addr) {
      return first.compareTo(addr) <= 0 && addr.compareTo(last) <= 0;
    }
  }

  public static Range range(String cidr) {
    int slash = cidr.indexOf('/');
    byte[] a = parse(cidr.substring(0, slash));
    int bits = Integer.parseInt(cidr.substring(slash + 1));
    int width = a.length * 8;
    BigInteger addr = new BigInteger(1, a);
    BigInteger hostMask = BigInteger.ONE.shiftLeft(width - bits).subtract(BigInteger.ONE);
    BigInteger first = addr.andNot(hostMask);
    return new Range(first, first.or(hostMask), width);
  }

  public static BigInteger number(String ip) {
    return new BigInteger(1, parse(ip));
  }

  public static int width(String ip) {
    return parse(ip).length * 8;
  }

  /** The n-th host address of a network, as Terraform's cidrhost. */
  public static String host(String cidr, long n) {
    Range r = range(cidr);
    BigInteger size = r.last().subtract(r.first()).add(BigInteger.ONE);
    BigInteger off = BigInteger.valueOf(n);
    if (off.signum() < 0) off = size.add(off);
    if (off.signum() < 0 || off.compareTo(size) >= 0) return null;
    BigInteger a = r.first().add(off);
    byte[] raw = a.toByteArray();
    byte[] bytes = new byte[r.width() / 8];
    for (int i = 0; i < bytes.length; i++) {
      int src = raw.length - bytes.length + i;
      bytes[i] = src >= 0 ? raw[src] : 0;
    }
    try {
      String s = InetAddress.getByAddress(bytes).getHostAddress();
      return r.width() == 128 ? compress(s) : s;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** The address with this number, in the usual text form (IPv6 compressed). */
  static String text(BigInteger number, int width) {
    byte[] raw = number.toByteArray();
    byte[] bytes = new byte[width / 8];
    for (int i = 0; i < bytes.length; i++) {
      int src = raw.length - bytes.length + i;
      bytes[i] = src >= 0 ? raw[src] : 0;
    }
    try {
      String s = InetAddress.getByAddress(bytes).getHostAddress();
      return width == 128 ? compress(s) : s;
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }

  private static String compress(String v6) {
    return v6.replaceFirst("(^|:)(0+(:|$)){2,8}", "::").replaceAll(":0+([0-9a-f])", ":$1");
  }
}
