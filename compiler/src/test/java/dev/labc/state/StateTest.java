package dev.labc.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StateTest {
  private static final Lineage LINEAGE = new Lineage("6f1c2a4e-0b7d");
  private static final ResourceAddr HOSTS = ResourceAddr.parse("node.a.file[\"/etc/hosts\"]");
  private static final ResourceAddr NAME = ResourceAddr.parse("node.a.hostname");

  @Test
  void withersReturnNewStatesAndLeaveTheOriginalAlone() {
    State empty = State.empty(LINEAGE);
    State one = empty.with(ResourceState.of(HOSTS, "std.os.file", new TreeMap<>()));
    assertTrue(empty.isEmpty());
    assertEquals(List.of(HOSTS), List.copyOf(one.resources().keySet()));
    assertEquals(0, one.serial());
    assertEquals(1, one.nextSerial().serial());
    assertTrue(one.without(HOSTS).isEmpty());
    assertSame(one, one.without(NAME));
  }

  @Test
  void refusesARecordFiledUnderAnotherAddress() {
    ResourceState rs = ResourceState.of(HOSTS, "std.os.file", new TreeMap<>());
    assertThrows(IllegalArgumentException.class, () -> State.empty(LINEAGE).with(NAME, rs));
  }

  @Test
  void moveRenamesTheResourceAndDependenciesOnIt() {
    ResourceAddr moved = ResourceAddr.parse("node.b.file[\"/etc/hosts\"]");
    State state = State.empty(LINEAGE)
        .with(ResourceState.of(HOSTS, "std.os.file", new TreeMap<>()))
        .with(ResourceState.of(NAME, "std.os.hostname", new TreeMap<>()).withDependsOn(List.of(HOSTS)));
    State after = state.moved(HOSTS, moved);
    assertEquals(Optional.empty(), after.get(HOSTS));
    assertEquals(moved, after.get(moved).orElseThrow().addr());
    assertEquals(List.of(moved), after.get(NAME).orElseThrow().dependsOn());
    assertThrows(IllegalArgumentException.class, () -> state.moved(HOSTS, NAME), "type change");
    assertThrows(IllegalArgumentException.class, () -> state.moved(moved, HOSTS), "absent source");
  }

  @Test
  void groupsResourcesByScope() {
    State state = State.empty(LINEAGE)
        .with(ResourceState.of(HOSTS, "std.os.file", new TreeMap<>()))
        .with(ResourceState.of(Scope.cluster("k").resource("chart", "x"), "std.k8s.chart", new TreeMap<>()));
    assertEquals(List.of(Scope.node("a"), Scope.cluster("k")), List.copyOf(state.byScope().keySet()));
  }

  @Test
  void stateRefTellsCurrentFromStaleFromAnotherLineage() {
    StateRef ref = new StateRef(LINEAGE, 3, Optional.of("abc"));
    assertEquals(StateRef.Freshness.CURRENT, ref.against(new StateRef(LINEAGE, 3, Optional.of("abc"))));
    assertEquals(StateRef.Freshness.STALE, ref.against(new StateRef(LINEAGE, 4, Optional.of("def"))));
    assertEquals(StateRef.Freshness.STALE, ref.against(new StateRef(LINEAGE, 3, Optional.of("def"))));
    assertEquals(StateRef.Freshness.OTHER_LINEAGE, ref.against(new StateRef(Lineage.fresh(), 3, Optional.of("abc"))));
    StateRef nothingWritten = new StateRef(LINEAGE, 0, Optional.empty());
    assertEquals(StateRef.Freshness.CURRENT, nothingWritten.against(new StateRef(Lineage.fresh(), 0, Optional.empty())));
    assertEquals(StateRef.Freshness.OTHER_LINEAGE, nothingWritten.against(new StateRef(Lineage.fresh(), 1, Optional.of("abc"))));
  }

  @Test
  void numbersAreOneValueHoweverSpelled() {
    assertEquals(new Value.Num(new java.math.BigDecimal("1.50")), new Value.Num(new java.math.BigDecimal("1.5")));
    assertEquals(new Value.Num(new java.math.BigDecimal("0.000")), Value.of(0));
  }

  @Test
  void hmacMatchesRfc4231TestCase2() {
    byte[] mac = SecretHasher.hmac("Jefe".getBytes(StandardCharsets.US_ASCII),
        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", HexFormat.of().formatHex(mac));
  }

  @Test
  void secretDigestDetectsChangeWithoutHoldingTheSecret() {
    SecretHasher hasher = new SecretHasher(new byte[32]);
    SecretDigest digest = hasher.digest("hunter2");
    assertEquals(digest, hasher.digest("hunter2"));
    assertNotEquals(digest, hasher.digest("hunter3"));
    assertTrue(hasher.matches(digest, "hunter2"));
    assertFalse(hasher.matches(digest, "hunter3"));
    assertFalse(digest.encoded().contains("hunter2"));
    assertEquals(digest, SecretDigest.decode(digest.encoded()));
    SecretHasher otherKey = new SecretHasher("k".repeat(32).getBytes(StandardCharsets.US_ASCII));
    assertNotEquals(digest.hmac(), otherKey.digest("hunter2").hmac());
    assertNotEquals(hasher.keyId(), otherKey.keyId());
  }

  @Test
  void refusesShortSecretKeys() {
    assertThrows(IllegalArgumentException.class, () -> new SecretHasher(new byte[16]));
  }
}
