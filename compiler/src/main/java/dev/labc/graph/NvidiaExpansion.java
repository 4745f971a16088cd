package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * std/nvidia's `nvidia_driver` kind: nouveau blacklisted before the driver package goes in (so
 * the rebuilt initramfs does not load it), the branch's driver package (held), Fabric Manager of
 * the same branch, the persistence daemon, and NVIDIA's container toolkit.
 */
final class NvidiaExpansion {
  static final String BLACKLIST = "/etc/modprobe.d/blacklist-nouveau.conf";
  static final String BLACKLIST_CONTENT = "# managed by labc\nblacklist nouveau\noptions nouveau modeset=0\n";

  /** Marks that the initramfs was rebuilt without nouveau. */
  static final String NOUVEAU_DONE = "/var/lib/labc-nouveau-blacklisted";

  private NvidiaExpansion() {}

  /** "550.90.07" -> "550". */
  static String branch(String version) {
    int dot = version.indexOf('.');
    return dot < 0 ? version : version.substring(0, dot);
  }

  static String driverPackage(Entity d) {
    boolean server = d.get("server") instanceof Value.Bool b && b.value();
    return "nvidia-driver-" + branch(Values.text(d.get("version"))) + (server ? "-server" : "");
  }

  static void expand(Entity d, Emit emit) {
    String branch = branch(Values.text(d.get("version")));
    boolean server = flag(d, "server");
    boolean hold = flag(d, "hold");
    for (Value.Ref r : Values.refs(d.get("on"))) {
      Scope s = Scope.node(r.name());
      var driverDeps = new ArrayList<ResourceAddr>();
      if (!flag(d, "unattended_upgrades")) driverDeps.add(emit.absent(s, "unattended-upgrades", d.spanOf("unattended_upgrades")));
      if (flag(d, "blacklist_nouveau")) {
        ResourceAddr f = emit.file(s, BLACKLIST, BLACKLIST_CONTENT, List.of(), d.spanOf("blacklist_nouveau"));
        driverDeps.add(emit.creates(s, "update-initramfs-nouveau", ShellCommand.builder().literal("update-initramfs").literal("-u").build()
                .andThen(ShellCommand.builder().literal("touch").value(NOUVEAU_DONE).build()),
            NOUVEAU_DONE, List.of(f), d.spanOf("blacklist_nouveau")));
      }
      ResourceAddr driver = emit.pkg(s, driverPackage(d), hold, driverDeps, d.spanOf("version"));
      if (flag(d, "fabric_manager")) {
        // Fabric Manager must be the driver's exact version: same branch, same hold.
        String fm = "nvidia-fabricmanager-" + branch;
        ResourceAddr fmPkg = emit.pkg(s, fm, hold, List.of(driver), d.spanOf("fabric_manager"));
        emit.service(s, "nvidia-fabricmanager", List.of(), "restart", List.of(fmPkg), d.spanOf("fabric_manager"));
      }
      if (flag(d, "persistence")) emit.service(s, "nvidia-persistenced", List.of(), "restart", List.of(driver), d.spanOf("persistence"));
      if (flag(d, "container_toolkit")) containerToolkit(s, emit, d.spanOf("container_toolkit"));
    }
  }

  /** nvidia-container-toolkit from NVIDIA's apt repository (seeds 000 and 004). */
  static ResourceAddr containerToolkit(Scope s, Emit emit, Span origin) {
    ResourceAddr repo = emit.aptRepository(s, "nvidia-container-toolkit", "https://nvidia.github.io/libnvidia-container/gpgkey",
        // $(ARCH) is apt's own variable, kept literally in the line.
        new Emit.AptSource("https://nvidia.github.io/libnvidia-container/stable/deb/$(ARCH)", "/", ""), "nvidia-container-toolkit", origin);
    return emit.pkg(s, "nvidia-container-toolkit", List.of(repo), origin);
  }

  private static boolean flag(Entity d, String name) {
    return d.get(name) instanceof Value.Bool b && b.value();
  }
}
