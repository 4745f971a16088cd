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
 * No two networks overlap: LAN, VPN (Tailscale's 100.64.0.0/10), Docker pools, and the K3s/RKE2
 * pod and service CIDRs with their defaults. Seed 004's school VPN vs Docker's 172.20.0.0/16.
 */
final class NetworkOverlapCheck implements ClusterCheck {
  /** K3s and RKE2 use these when pod_cidr / service_cidr are not set. */
  static final String DEFAULT_POD_CIDR = "10.42.0.0/16";
  static final String DEFAULT_SERVICE_CIDR = "10.43.0.0/16";

  public Code code() { return Code.NETWORK_OVERLAP; }

  private record Net(String label, String cidr, Span span) {}

  public List<Diagnostic> run(Program p) {
    var nets = new ArrayList<Net>();
    for (Entity n : p.ofKind("network")) {
      if (n.get("cidr") instanceof Value.Cidr c) nets.add(new Net("network `" + n.name() + "`", c.text(), n.spanOf("cidr")));
    }
    for (Entity t : p.ofKind("tailscale")) {
      if (t.get("cidr") instanceof Value.Cidr c) nets.add(new Net("the Tailscale range", c.text(), t.span()));
    }
    for (Entity c : p.ofKind("cluster")) {
      String pod = c.get("pod_cidr") instanceof Value.Cidr x ? x.text() : DEFAULT_POD_CIDR;
      String svc = c.get("service_cidr") instanceof Value.Cidr x ? x.text() : DEFAULT_SERVICE_CIDR;
      nets.add(new Net("cluster `" + c.name() + "` pods" + (c.get("pod_cidr") instanceof Value.Null ? " (default)" : ""), pod, c.spanOf("pod_cidr")));
      nets.add(new Net("cluster `" + c.name() + "` services" + (c.get("service_cidr") instanceof Value.Null ? " (default)" : ""), svc, c.spanOf("service_cidr")));
    }
    var out = new ArrayList<Diagnostic>();
    for (int i = 0; i < nets.size(); i++) {
      for (int j = i + 1; j < nets.size(); j++) {
        Net a = nets.get(i), b = nets.get(j);
        if (a.cidr().equals(b.cidr()) && a.label().equals(b.label())) continue;
        if (Addresses.range(a.cidr()).overlaps(Addresses.range(b.cidr()))) {
          out.add(Diagnostic.error(code(), b.span(), b.label() + " (" + b.cidr() + ") overlaps " + a.label() + " (" + a.cidr() + ")",
              "traffic for the overlap goes to the wrong place; move one of them to a free range")
              .withRelated(new Related(a.span(), a.label() + " is declared here")));
        }
      }
    }
    return out;
  }
}
