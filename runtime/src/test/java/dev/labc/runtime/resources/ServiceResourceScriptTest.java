package dev.labc.runtime.resources;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.shell.SecretResolver;
import dev.labc.state.Value;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A service that watches files (a stdlib kind's reload_digest) restarts or reloads when applied; a plain one starts. */
class ServiceResourceScriptTest {
  static String apply(Map<String, Value> extra) {
    var attrs = new TreeMap<String, Value>(Map.of("name", Value.of("docker"), "enabled", Value.of(true), "state", Value.of("running")));
    attrs.putAll(extra);
    return HostResource.of("service", "svc", attrs).apply(SecretResolver.NONE);
  }

  @Test
  void plainStartsWatchingRestartsOrReloads() {
    assertTrue(apply(Map.of()).endsWith("labc-service docker start"), apply(Map.of()));
    assertTrue(apply(Map.of("reload_digest", Value.of("abc"))).endsWith("labc-service docker restart"));
    assertTrue(apply(Map.of("reload_digest", Value.of("abc"), "reload_action", Value.of("reload"))).endsWith("labc-service docker reload-or-restart"));
    assertTrue(apply(Map.of("reload_digest", Value.of("abc"), "state", Value.of("stopped"))).endsWith("systemctl stop docker"));
  }
}
