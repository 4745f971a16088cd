package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Addresses;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * No two networks overlap: LAN, VPN (Tailscale's 100.64.0.0/10), Docker's bridge and address
 * pools (std/docker, with Docker's defaults when none are set), and the K3s/RKE2 pod and service
 * CIDRs with their defaults. Seed 004's school VPN vs Docker's 172.20.0.0/16. Docker's ranges
 * are kept per node, so they are compared with every other range but not with each other.
 */
final class NetworkOverlapCheck implements ClusterCheck {
  /** K3s and RKE2 use these when pod_cidr / service_cidr are not set. */
  static final String DEFAULT_POD_CIDR = "10.42.0.0/16";
  static final String DEFAULT_SERVICE_CIDR = "10.43.0.0/16";

  public Code code() { return Code.NETWORK_OVERLAP; }

  /**
   * Docker's address pools when daemon.json sets none: 172.17.0.0/16 to 172.31.0.0/16 as /16s (the
   * first is docker0's unless `bip` is set). Docker falls back to 192.168.0.0/16 only once those
   * fifteen are taken, which is left out: most LANs are there.
   */
  static final Addresses.Range DOCKER_DEFAULT_POOLS = new Addresses.Range(Addresses.range("172.17.0.0/16").first(), Addresses.range("172.24.0.0/13").last(), 32);

  /** {@code hostLocal}: a range each node keeps to itself (Docker's bridges), which cannot clash with another such range. */
  /** {@code lan}: a declared network of kind lan; {@code onLan}: a range meant to lie inside one (MetalLB's pool). */
  /**
   * {@code role}: what the range is for ("pod", "service", "vpn", ...), and {@code declared}: it
   * comes from a `network` block; a declared network that restates another range of the same
   * role (the pod network used as `pod_cidr`, the tailnet next to std/tailscale) is that range.
   */
  private record Net(String label, String cidr, Addresses.Range range, Span span, boolean hostLocal, boolean lan, boolean onLan, String role, boolean declared) {
    Net(String label, String cidr, Addresses.Range range, Span span, boolean hostLocal, boolean lan, boolean onLan) { this(label, cidr, range, span, hostLocal, lan, onLan, null, false); }
    Net(String label, String cidr, Addresses.Range range, Span span, boolean hostLocal) { this(label, cidr, range, span, hostLocal, false, false); }
    Net withRole(String r, boolean d) { return new Net(label, cidr, range, span, hostLocal, lan, onLan, r, d); }

    boolean restates(Net o) {
      return declared != o.declared && role != null && role.equals(o.role) && range.equals(o.range);
    }
    Net(String label, String cidr, Span span) { this(label, cidr, Addresses.range(cidr), span, false); }
    Net(String label, String cidr, Span span, boolean hostLocal) { this(label, cidr, Addresses.range(cidr), span, hostLocal); }
  }

  public List<Diagnostic> run(Program p) {
    var nets = new ArrayList<Net>();
    for (Entity n : p.ofKind("network")) {
      if (n.get("cidr") instanceof Value.Cidr c) {
        String kind = dev.labc.eval.Values.text(n.get("kind"));
        nets.add(new Net("network `" + n.name() + "`", c.text(), Addresses.range(c.text()), n.spanOf("cidr"), false, "lan".equals(kind), false).withRole(kind, true));
      }
    }
    for (Entity t : p.ofKind("tailscale")) {
      if (t.get("cidr") instanceof Value.Cidr c) nets.add(new Net("the Tailscale range", c.text(), t.span()).withRole("vpn", false));
    }
    for (Entity c : p.ofKind("cluster")) {
      String pod = c.get("pod_cidr") instanceof Value.Cidr x ? x.text() : DEFAULT_POD_CIDR;
      String svc = c.get("service_cidr") instanceof Value.Cidr x ? x.text() : DEFAULT_SERVICE_CIDR;
      nets.add(new Net("cluster `" + c.name() + "` pods" + (c.get("pod_cidr") instanceof Value.Null ? " (default)" : ""), pod, c.spanOf("pod_cidr")).withRole("pod", false));
      nets.add(new Net("cluster `" + c.name() + "` services" + (c.get("service_cidr") instanceof Value.Null ? " (default)" : ""), svc, c.spanOf("service_cidr")).withRole("service", false));
    }
    for (Entity d : p.ofKind("docker")) {
      String who = "Docker `" + d.name() + "`";
      if (d.get("bip") instanceof Value.Cidr c) nets.add(new Net("the bridge (bip) of " + who, c.text(), d.spanOf("bip"), true));
      if (d.get("address_pools") instanceof Value.ListV pools && !pools.items().isEmpty()) {
        for (Value v : pools.items()) {
          if (v instanceof Value.Obj o && o.fields().get("base") instanceof Value.Cidr c) nets.add(new Net("an address pool of " + who, c.text(), d.spanOf("address_pools"), true));
        }
      } else {
        nets.add(new Net("the default address range of " + who, "172.17.0.0/16 to 172.31.0.0/16", DOCKER_DEFAULT_POOLS, d.span(), true));
      }
    }
    var out = new ArrayList<Diagnostic>();
    metallbPools(p, nets, out);
    for (int i = 0; i < nets.size(); i++) {
      for (int j = i + 1; j < nets.size(); j++) {
        Net a = nets.get(i), b = nets.get(j);
        if (a.cidr().equals(b.cidr()) && a.label().equals(b.label())) continue;
        if (a.hostLocal() && b.hostLocal()) continue;
        if ((a.onLan() && b.lan()) || (b.onLan() && a.lan())) continue;
        if (a.restates(b)) continue;
        if (a.range().overlaps(b.range())) {
          out.add(Diagnostic.error(code(), b.span(), b.label() + " (" + b.cidr() + ") overlaps " + a.label() + " (" + a.cidr() + ")",
              "traffic for the overlap goes to the wrong place; move one of them to a free range")
              .withRelated(new Related(a.span(), a.label() + " is declared here")));
        }
      }
    }
    return out;
  }

  /**
   * std/charts' MetalLB addresses: each range or CIDR must lie inside a declared LAN (L2 mode
   * answers ARP there) and is then compared with every other range like a network.
   */
  private static void metallbPools(Program p, List<Net> nets, List<Diagnostic> out) {
    var lans = nets.stream().filter(Net::lan).toList();
    for (Entity m : p.ofKind("metallb")) {
      if (!(m.get("addresses") instanceof Value.ListV l)) continue;
      for (Value v : l.items()) {
        String text = dev.labc.eval.Values.text(v);
        Addresses.Range range = poolRange(text);
        if (range == null) {
          out.add(Diagnostic.error(Code.NETWORK_OVERLAP, m.spanOf("addresses"), "metallb " + m.name() + ": `" + text + "` is not an address range",
              "write FIRST-LAST with FIRST <= LAST (\"192.168.10.200-192.168.10.220\") or a CIDR"));
          continue;
        }
        if (!lans.isEmpty() && lans.stream().noneMatch(n -> n.range().contains(range.first()) && n.range().contains(range.last()))) {
          out.add(Diagnostic.warning(Code.NETWORK_OVERLAP, m.spanOf("addresses"), "metallb " + m.name() + ": " + text + " is outside every declared LAN",
              "MetalLB's L2 mode announces addresses on the nodes' LAN; pick a free range inside it"));
        }
        nets.add(new Net("MetalLB pool of `" + m.name() + "`", text, range, m.spanOf("addresses"), false, false, true));
      }
    }
  }

  static Addresses.Range poolRange(String text) {
    try {
      if (Addresses.isCidr(text)) return Addresses.range(text);
      String[] ends = text.split("-", 2);
      if (ends.length != 2 || !Addresses.isIp(ends[0]) || !Addresses.isIp(ends[1])) return null;
      if (Addresses.width(ends[0]) != Addresses.width(ends[1])) return null;
      var first = Addresses.number(ends[0]);
      var last = Addresses.number(ends[1]);
      return first.compareTo(last) > 0 ? null : new Addresses.Range(first, last, Addresses.width(ends[0]));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
