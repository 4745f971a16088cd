package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * The nouveau module binds NVIDIA GPUs at boot, and the nvidia module then cannot load (seeds
 * 000 and 004 blacklist it first). std/nvidia blacklists it unless told not to; on nodes that
 * have GPUs, not doing so leaves the driver unloadable after the next reboot.
 */
final class NouveauCheck implements ClusterCheck {
  public Code code() { return Code.NOUVEAU; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    for (Entity d : p.ofKind("nvidia_driver")) {
      if (!(d.get("blacklist_nouveau") instanceof Value.Bool b) || b.value()) continue;
      var withGpus = Values.refs(d.get("on")).stream().map(r -> p.entity("node", r.name()))
          .filter(n -> n != null && n.get("gpu") instanceof Value.Obj).toList();
      if (withGpus.isEmpty()) continue;
      var diag = Diagnostic.error(code(), d.spanOf("blacklist_nouveau"), "nvidia_driver `" + d.name() + "` leaves nouveau loadable on "
              + String.join(", ", withGpus.stream().map(Entity::name).toList()) + ": nouveau takes the GPUs at boot and the nvidia module cannot load",
          "remove `blacklist_nouveau = false` (labc then blacklists nouveau and rebuilds the initramfs once)");
      for (Entity n : withGpus) diag = diag.withRelated(new Related(n.spanOf("gpu"), "`" + n.name() + "` has GPUs"));
      out.add(diag);
    }
    return out;
  }
}
