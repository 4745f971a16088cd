package dev.labc.runtime.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.state.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot checks a rebooted node runs, run here by sh with a stand-in lsmod on PATH listing the
 * modules of the "new boot": after a driver install the boot fails clearly without the nvidia
 * module and passes with it; after the nouveau blacklist it fails while nouveau is loaded; steps
 * that load no module check none.
 */
class BootChecksTest {
  @TempDir Path dir;

  @Test
  void aDriverInstallNeedsTheNvidiaModuleInTheNewBoot() throws Exception {
    for (String driver : List.of("nvidia-driver-550", "nvidia-driver-550-server", "linux-modules-nvidia-550-generic")) {
      var done = List.of(pkg(driver, Action.UPDATE, "present"));
      var without = run(BootChecks.of(done), "ext4 1 0\nnouveau 2 0\n");
      assertEquals(1, without.exit(), driver);
      assertTrue(without.err().contains("the nvidia module is not loaded after the driver install and the reboot"), without.err());
      assertEquals(0, run(BootChecks.of(done), "nvidia_uvm 1 0\nnvidia 3 1 nvidia_uvm\n").exit(), driver);
    }
  }

  @Test
  void theNouveauBlacklistNeedsNouveauGone() throws Exception {
    var after = new TreeMap<String, Value>();
    after.put("path", new Value.Text(BootChecks.NOUVEAU_BLACKLIST));
    var done = List.of(new Change(ResourceAddr.parse("node.gpu-1.file[\"" + BootChecks.NOUVEAU_BLACKLIST + "\"]"), "file", Action.CREATE,
        new TreeMap<>(), after, new TreeSet<>(), List.of()));
    var loaded = run(BootChecks.of(done), "nouveau 2 0\n");
    assertEquals(1, loaded.exit());
    assertTrue(loaded.err().contains("nouveau is still loaded"), loaded.err());
    assertEquals(0, run(BootChecks.of(done), "nvidia 3 0\n").exit());
  }

  @Test
  void stepsThatLoadNoModuleCheckNone() {
    assertEquals(List.of(), BootChecks.of(List.of(
        pkg("nvidia-driver-550", Action.UPDATE, "absent"),
        pkg("nvidia-driver-550", Action.DELETE, "present"),
        pkg("linux-image-6.8.0-45-generic", Action.CREATE, "present"),
        pkg("nvidia-utils-550", Action.CREATE, "present"))));
  }

  record Run(int exit, String err) {}

  private Run run(List<String> checks, String modules) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path lsmod = bin.resolve("lsmod");
    Files.writeString(lsmod, "#!/bin/sh\nprintf 'Module Size Used by\\n'\ncat " + dir.resolve("modules") + "\n");
    Files.setPosixFilePermissions(lsmod, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("modules"), modules);
    var pb = new ProcessBuilder("sh", "-c", String.join("; ", checks) + (checks.isEmpty() ? "true" : ""));
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), err);
  }

  private static Change pkg(String name, Action action, String state) {
    var attrs = new TreeMap<String, Value>();
    attrs.put("name", new Value.Text(name));
    attrs.put("state", new Value.Text(state));
    var none = new TreeMap<String, Value>();
    return new Change(ResourceAddr.parse("node.gpu-1.package[\"" + name + "\"]"), "package", action,
        action == Action.CREATE ? none : attrs, action == Action.DELETE ? none : attrs, new TreeSet<>(), List.of());
  }
}
