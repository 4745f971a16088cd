package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Addresses;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Node addresses and hostnames are unique: two nodes on one address make SSH and /etc/hosts lie.
 * Addresses are compared as numbers (fd00::1 is fd00:0::1). An address is claimed twice too when
 * a MetalLB pool hands it out (both then answer ARP for it), and a LAN's network or broadcast
 * address is no host's.
 */
final class UniquenessCheck implements ClusterCheck {
  /** An address as a number of its width, so 10.0.0.1 and ::a00:1 stay apart. */
  private record Address(int width, java.math.BigInteger number) {}
  /** Where labc connects to a node: its management address and SSH port. */
  private record Dialled(Address address, long port) {}

  public Code code() { return Code.DUPLICATE_ADDRESS; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    var addresses = new LinkedHashMap<Address, List<Entity>>();
    var hostnames = new LinkedHashMap<String, List<Entity>>();
    // Two nodes dialled at one management address and port: labc would configure one machine twice.
    var dialled = new LinkedHashMap<Dialled, List<Entity>>();
    for (Entity n : p.ofKind("node")) {
      if (n.get("ssh_address") instanceof Value.Ip m) {
        long port = n.get("ssh_port") instanceof Value.Int i ? i.value() : 22;
        dialled.computeIfAbsent(new Dialled(new Address(Addresses.width(m.text()), Addresses.number(m.text())), port), k -> new ArrayList<>()).add(n);
      }
      if (n.get("address") instanceof Value.Ip ip) {
        addresses.computeIfAbsent(new Address(Addresses.width(ip.text()), Addresses.number(ip.text())), k -> new ArrayList<>()).add(n);
      }
      String host = n.get("hostname") instanceof Value.Str s ? s.value() : n.name();
      hostnames.computeIfAbsent(host, k -> new ArrayList<>()).add(n);
    }
    for (List<Entity> sharing : addresses.values()) {
      String addr = ((Value.Ip) sharing.get(0).get("address")).text();
      shared(sharing, "address", "address " + addr, "give each node its own address", out);
    }
    for (var e : dialled.entrySet()) {
      String what = "ssh_address " + ((Value.Ip) e.getValue().get(0).get("ssh_address")).text() + " (port " + e.getKey().port() + ")";
      shared(e.getValue(), "ssh_address", what, "give each node its own management address (or its own ssh_port)", out);
    }
    for (var e : hostnames.entrySet()) {
      shared(e.getValue(), "hostname", "hostname `" + e.getKey() + "`", "hostnames must be unique for /etc/hosts, Slurm and Kubernetes node names", out);
    }
    metallbClaims(p, out);
    lanEnds(p, out);
    return out;
  }

  /**
   * One error per place that repeats the first node's value: nodes written out one by one get one
   * each, at their own line; the nodes of one loop share a place and get one error with the count.
   */
  private void shared(List<Entity> sharing, String attribute, String what, String hint, List<Diagnostic> out) {
    if (sharing.size() < 2) return;
    Entity first = sharing.get(0);
    var byPlace = new LinkedHashMap<dev.labc.source.Span, List<Entity>>();
    for (Entity n : sharing.subList(1, sharing.size())) byPlace.computeIfAbsent(n.spanOf(attribute), k -> new ArrayList<>()).add(n);
    for (var place : byPlace.entrySet()) {
      List<Entity> later = place.getValue();
      String message = later.size() == 1
          ? "nodes `" + first.name() + "` and `" + later.get(0).name() + "` share " + what
          : "nodes " + Names.some(later.stream().map(n -> "`" + n.name() + "`").toList(), 3) + " share " + what + " with `" + first.name() + "`";
      out.add(Diagnostic.error(code(), place.getKey(), message, hint)
          .withRelated(new Related(first.spanOf(attribute), "`" + first.name() + "` has it too")));
    }
  }

  /** A node's address inside a MetalLB pool: MetalLB gives it to a Service, and two hosts answer for it. */
  private void metallbClaims(Program p, List<Diagnostic> out) {
    for (Entity m : p.ofKind("metallb")) {
      if (!(m.get("addresses") instanceof Value.ListV l)) continue;
      for (Value v : l.items()) {
        String pool = Values.text(v);
        Addresses.Range range = pool == null ? null : NetworkOverlapCheck.poolRange(pool);
        if (range == null) continue; // E0404 reports it
        for (Entity n : p.ofKind("node")) {
          if (!(n.get("address") instanceof Value.Ip ip) || Addresses.width(ip.text()) != range.width() || !range.contains(Addresses.number(ip.text()))) continue;
          out.add(Diagnostic.error(code(), m.spanOf("addresses"), "MetalLB pool " + pool + " of `" + m.name() + "` holds " + ip.text() + ", the address of node `" + n.name() + "`",
              "MetalLB would give it to a Service and two hosts would answer for it; shrink `addresses` to leave the nodes out")
              .withRelated(new Related(n.spanOf("address"), "`" + n.name() + "` has it")));
        }
      }
    }
  }

  /** A node on a declared IPv4 LAN's network or broadcast address (a /31 or /32 has none). */
  private void lanEnds(Program p, List<Diagnostic> out) {
    for (Entity lan : p.ofKind("network")) {
      if (!(lan.get("cidr") instanceof Value.Cidr c) || !"lan".equals(Values.text(lan.get("kind")))) continue;
      Addresses.Range r = Addresses.range(c.text());
      if (r.width() != 32 || r.last().subtract(r.first()).compareTo(java.math.BigInteger.TWO) < 0) continue;
      for (Entity n : p.ofKind("node")) {
        if (!(n.get("address") instanceof Value.Ip ip) || Addresses.width(ip.text()) != 32) continue;
        var a = Addresses.number(ip.text());
        if (!a.equals(r.first()) && !a.equals(r.last())) continue;
        out.add(Diagnostic.error(code(), n.spanOf("address"), "node `" + n.name() + "` has " + ip.text() + ", the " + (a.equals(r.first()) ? "network" : "broadcast")
                + " address of network `" + lan.name() + "` (" + c.text() + "), which no host can use",
            "give `" + n.name() + "` an address between the two ends of " + c.text())
            .withRelated(new Related(lan.spanOf("cidr"), "`" + lan.name() + "` is declared here")));
      }
    }
  }
}
