package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An overlay's packets travel inside the LAN's, so its MTU plus the encapsulation must fit the
 * LAN's MTU, or large packets are dropped (TCP connects, then hangs on the first full segment).
 * WireGuard (VPNs, Tailscale) adds 80 bytes with an IPv6 outer header; VXLAN (flannel, the K3s
 * and RKE2 pod network) 50. Only an MTU written in the program is compared: the schema's 1500
 * default on a VPN says nothing about what the VPN uses. Tailscale always uses 1280.
 */
final class MtuCheck implements ClusterCheck {
  static final int WIREGUARD_OVERHEAD = 80;
  static final int VXLAN_OVERHEAD = 50;
  static final int TAILSCALE_MTU = 1280;

  public Code code() { return Code.MTU; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    var lans = p.ofKind("network").stream().filter(n -> "lan".equals(Values.text(n.get("kind"))) && n.get("mtu") instanceof Value.Int).toList();
    if (lans.isEmpty()) return out;
    Entity smallest = lans.stream().min(Comparator.comparingLong(n -> ((Value.Int) n.get("mtu")).value())).orElseThrow();
    long lanMtu = ((Value.Int) smallest.get("mtu")).value();
    for (Entity n : p.ofKind("network")) {
      String kind = Values.text(n.get("kind"));
      int overhead = switch (kind == null ? "" : kind) {
        case "vpn" -> WIREGUARD_OVERHEAD;
        case "pod" -> VXLAN_OVERHEAD;
        default -> 0;
      };
      if (overhead == 0 || !n.attributeSpans().containsKey("mtu") || !(n.get("mtu") instanceof Value.Int mtu)) continue;
      if (mtu.value() + overhead > lanMtu) {
        String encap = kind.equals("vpn") ? "WireGuard" : "VXLAN";
        out.add(Diagnostic.error(code(), n.spanOf("mtu"), "network `" + n.name() + "` (" + kind + ") has MTU " + mtu.value() + ", but " + encap + " adds "
                + overhead + " bytes and network `" + smallest.name() + "` carries at most " + lanMtu,
            "lower `mtu` on `" + n.name() + "` to " + (lanMtu - overhead) + ", or raise the LAN's `mtu`")
            .withRelated(new Related(smallest.spanOf("mtu"), "`" + smallest.name() + "` has MTU " + lanMtu)));
      }
    }
    if (!p.ofKind("tailscale").isEmpty() && TAILSCALE_MTU + WIREGUARD_OVERHEAD > lanMtu) {
      Entity t = p.ofKind("tailscale").get(0);
      out.add(Diagnostic.error(code(), smallest.spanOf("mtu"), "network `" + smallest.name() + "` has MTU " + lanMtu + ", but Tailscale sends "
              + TAILSCALE_MTU + "-byte packets inside " + WIREGUARD_OVERHEAD + " bytes of WireGuard (" + (TAILSCALE_MTU + WIREGUARD_OVERHEAD) + ")",
          "raise the LAN's `mtu` to at least " + (TAILSCALE_MTU + WIREGUARD_OVERHEAD))
          .withRelated(new Related(t.span(), "Tailscale is declared here")));
    }
    return out;
  }
}
