package dev.labc.runtime.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The networks labc may dial, from {@code LABC_DIAL_ALLOW} (comma-separated CIDRs). Tests and CI
 * set it to loopback so that an example's 10.0.1.x address can never be contacted by mistake;
 * unset means no restriction. Checked on the resolved address before any socket is opened.
 */
public final class DialAllowList {
    public static final String ENV = "LABC_DIAL_ALLOW";

    private record Cidr(byte[] network, int prefix, String text) {
        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int full = prefix / 8;
            for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> allowed; // empty list with restricted=false: everything allowed
    private final boolean restricted;
    /** The addresses the run's nodes name (and their jump hosts'); empty: no such restriction. */
    private final Optional<java.util.Set<String>> planned;

    private DialAllowList(List<Cidr> allowed, boolean restricted, Optional<java.util.Set<String>> planned) {
        this.allowed = List.copyOf(allowed);
        this.restricted = restricted;
        this.planned = planned;
    }

    private DialAllowList(List<Cidr> allowed, boolean restricted) {
        this(allowed, restricted, Optional.empty());
    }

    public static DialAllowList unrestricted() {
        return new DialAllowList(List.of(), false);
    }

    /**
     * This list, further restricted to the addresses of {@code endpoints} and their jump hosts: plan
     * and apply dial only the nodes of the configuration and state they work on, whatever else an
     * ssh config or the environment names. The CIDRs still apply on top.
     */
    public DialAllowList onlyTo(java.util.Collection<HostEndpoint> endpoints) {
        var addresses = new java.util.TreeSet<String>();
        for (HostEndpoint e : endpoints) {
            for (Optional<HostEndpoint> hop = Optional.of(e); hop.isPresent(); hop = hop.get().jump()) addresses.add(hop.get().address());
        }
        return new DialAllowList(allowed, restricted, Optional.of(java.util.Collections.unmodifiableSortedSet(addresses)));
    }

    /** Refuses with {@link TransportException.Kind#NOT_ALLOWED} an address that no node of the run names; before any DNS lookup. */
    public void checkPlanned(String host, String address) throws TransportException {
        if (planned.isPresent() && !planned.get().contains(address)) {
            throw new TransportException(host, TransportException.Kind.NOT_ALLOWED,
                    "address " + address + " is not one of the nodes this run works on; not dialled");
        }
    }

    public static DialAllowList fromEnvironment() {
        String value = System.getenv(ENV);
        return value == null || value.isBlank() ? unrestricted() : parse(value);
    }

    /** @throws IllegalArgumentException naming the entry that is not a CIDR */
    public static DialAllowList parse(String spec) {
        var cidrs = new ArrayList<Cidr>();
        for (String raw : spec.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) continue;
            int slash = entry.indexOf('/');
            String addr = slash < 0 ? entry : entry.substring(0, slash);
            byte[] bytes = literal(addr).orElseThrow(() ->
                    new IllegalArgumentException(ENV + ": \"" + entry + "\" is not an IP address or CIDR"));
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ENV + ": \"" + entry + "\" has a bad prefix length");
            }
            if (prefix < 0 || prefix > bytes.length * 8)
                throw new IllegalArgumentException(ENV + ": \"" + entry + "\" has a prefix out of range");
            cidrs.add(new Cidr(bytes, prefix, entry));
        }
        return new DialAllowList(cidrs, true);
    }

    public boolean allows(InetAddress address) {
        if (!restricted) return true;
        byte[] bytes = address.getAddress();
        return allowed.stream().anyMatch(c -> c.contains(bytes));
    }

    /** Refuses with {@link TransportException.Kind#NOT_ALLOWED} unless the address may be dialled. */
    public void check(String host, InetAddress address) throws TransportException {
        if (!allows(address)) {
            throw new TransportException(host, TransportException.Kind.NOT_ALLOWED,
                    "address " + address.getHostAddress() + " is outside " + ENV + "=" + describe()
                            + "; not dialled");
        }
    }

    public String describe() {
        String cidrs = restricted ? String.join(",", allowed.stream().map(Cidr::text).toList()) : "(unrestricted)";
        return planned.map(p -> cidrs + " and only the " + p.size() + " planned addresses").orElse(cidrs);
    }

    /** Parses an IP literal without DNS (InetAddress.getByName would resolve names). */
    static Optional<byte[]> literal(String text) {
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] parts = text.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) return Optional.empty();
                b[i] = (byte) v;
            }
            return Optional.of(b);
        }
        if (text.contains(":") && text.matches("[0-9A-Fa-f:.]+")) {
            try {
                return Optional.of(InetAddress.getByName(text).getAddress());
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return describe();
    }

}
