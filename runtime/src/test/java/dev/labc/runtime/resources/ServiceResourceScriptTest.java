package dev.labc.runtime.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.shell.SecretResolver;
import dev.labc.state.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A service that watches files (a stdlib kind's reload_digest) restarts or reloads when applied; a
 * plain one starts; either is then watched until it is seen running. A stopped one is only stopped.
 */
class ServiceResourceScriptTest {
  static String apply(Map<String, Value> extra) {
    var attrs = new TreeMap<String, Value>(Map.of("name", Value.of("docker"), "enabled", Value.of(true), "state", Value.of("running")));
    attrs.putAll(extra);
    return HostResource.of("service", "svc", attrs).apply(SecretResolver.NONE);
  }

  @Test
  void plainStartsWatchingRestartsOrReloadsAndEachIsWatchedAfter() {
    assertTrue(apply(Map.of()).endsWith("labc-service docker start"), apply(Map.of()));
    assertTrue(apply(Map.of("reload_digest", Value.of("abc"))).endsWith("labc-service docker restart"));
    assertTrue(apply(Map.of("reload_digest", Value.of("abc"), "reload_action", Value.of("reload"))).endsWith("labc-service docker reload-or-restart"));
    String stop = apply(Map.of("reload_digest", Value.of("abc"), "state", Value.of("stopped")));
    assertTrue(stop.endsWith("systemctl stop docker") && !stop.contains("labc-service"), stop);
  }

  @Test
  void everyVariantAndTheWatchItselfParseAsSh() throws Exception {
    var scripts = List.of(apply(Map.of()), apply(Map.of("reload_digest", Value.of("abc"))),
        apply(Map.of("state", Value.of("stopped"))), apply(Map.of("name", Value.of("it's; $(odd) unit"))),
        ServiceResource.START_AND_SETTLE);
    for (String script : scripts) {
      Process sh = new ProcessBuilder("sh", "-n").redirectErrorStream(true).start();
      sh.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
      sh.getOutputStream().close();
      String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, sh.waitFor(), script + "\n" + out);
    }
  }
}
