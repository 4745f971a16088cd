package dev.labc.runtime.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labc.plan.HostStep;
import dev.labc.shell.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pinned, held package's scripts (no apt source in the tests serves versions): their exact text, and sh parses them. */
class PackageResourceScriptTest {
  @Test
  void aPinnedHeldPackageChecksVersionAndHoldAndInstallsThatVersion() throws Exception {
    var p = new HostStep.Package("nvidia-driver-550", HostStep.Presence.PRESENT, Optional.of("550.90.07-0ubuntu1"), true);
    String installed = "case \"$(dpkg-query -W -f='${Status}' nvidia-driver-550 2>/dev/null)\" in *' ok installed') true;; *) false;; esac";
    String version = "[ \"$(dpkg-query -W -f='${Version}' nvidia-driver-550)\" = 550.90.07-0ubuntu1 ]";
    var r = new PackageResource();
    assertEquals(installed + " && " + version + " && apt-mark showhold | grep -qx nvidia-driver-550", r.check(p));
    assertEquals("{ " + installed + " && " + version + " || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends"
        + " 'nvidia-driver-550=550.90.07-0ubuntu1' ; } && apt-mark hold nvidia-driver-550", r.apply(p, SecretResolver.NONE));
    var absent = new HostStep.Package("nano", HostStep.Presence.ABSENT, Optional.empty(), false);
    for (String script : new String[] {r.check(p), r.apply(p, SecretResolver.NONE), r.check(absent), r.apply(absent, SecretResolver.NONE),
        r.runCommand(java.util.List.of("a", "b c"))}) {
      Process sh = new ProcessBuilder("sh", "-n").redirectErrorStream(true).start();
      sh.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
      sh.getOutputStream().close();
      String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, sh.waitFor(), script + "\n" + out);
    }
  }
}
