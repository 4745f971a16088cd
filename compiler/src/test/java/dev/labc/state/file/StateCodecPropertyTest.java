package dev.labc.state.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.addr.ScopeKind;
import dev.labc.state.Lineage;
import dev.labc.state.ResourceState;
import dev.labc.state.ResourceStatus;
import dev.labc.state.SecretDigest;
import dev.labc.state.State;
import dev.labc.state.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

public class StateCodecPropertyTest {
  private static final String LARGE_A = "10.0.0.1\tgpu-1\n".repeat(300);
  private static final String LARGE_B = "ünïcødé ☃ 𝄞\n".repeat(400);

  @Property(tries = 300)
  void decodeInvertsEncode(@ForAll("states") State state) {
    State back = StateCodec.decode(StateCodec.encode(state));
    assertEquals(state, back);
  }

  @Property(tries = 300)
  void encodingIsAFixedPoint(@ForAll("states") State state) {
    SortedMap<String, byte[]> once = StateCodec.encode(state);
    SortedMap<String, byte[]> twice = StateCodec.encode(StateCodec.decode(once));
    assertEquals(once.keySet(), twice.keySet());
    once.forEach((path, bytes) -> assertArrayEquals(bytes, twice.get(path), path));
  }

  @Provide
  Arbitrary<State> states() {
    Arbitrary<String> names = Arbitraries.of("a", "gpu-07", "head", "B_2");
    Arbitrary<Scope> scopes = Combinators.combine(Arbitraries.of(ScopeKind.class), names).as(Scope::new);
    Arbitrary<ResourceAddr> addrs = Combinators.combine(scopes, Arbitraries.of("file", "user", "hostname"),
        Arbitraries.strings().all().ofMaxLength(8).injectNull(0.2)).as(ResourceAddr::new);
    Arbitrary<ResourceState> resources = Combinators.combine(
            addrs, Arbitraries.of("std.os.file", "t"), Arbitraries.integers().between(0, 3),
            attributes(), addrs.list().ofMaxSize(3), Arbitraries.of(ResourceStatus.class))
        .as((addr, type, schema, attrs, deps, status) ->
            new ResourceState(addr, type, schema, attrs, deps.stream().filter(d -> !d.equals(addr)).toList(), status));
    return Combinators.combine(resources.list().ofMaxSize(6), Arbitraries.longs().between(0, Long.MAX_VALUE))
        .as((list, serial) -> {
          State s = new State(State.CURRENT_FORMAT_VERSION, new Lineage("6f1c2a4e-0b7d"), serial, new TreeMap<>());
          for (ResourceState rs : list) {
            s = s.with(rs);
          }
          return s;
        });
  }

  private Arbitrary<SortedMap<String, Value>> attributes() {
    return Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(6), values(2)).ofMaxSize(4).map(TreeMap::new);
  }

  public static Arbitrary<Value> values(int depth) {
    Arbitrary<Value> leaves = Arbitraries.oneOf(
        Arbitraries.just(Value.Null.NULL),
        Arbitraries.of(true, false).map(Value::of),
        Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(4).map(Value.Num::new),
        Arbitraries.strings().all().ofMaxLength(10).map(Value::of),
        // Texts over the threshold, stored once by digest: a few shared ones and some that vary
        // (any chars, lone surrogates included, which stay inline).
        Arbitraries.of(LARGE_A, LARGE_B).map(Value::of),
        Arbitraries.strings().all().ofMaxLength(10).map(s -> Value.of(s + LARGE_A)),
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(64)
            .map(h -> new SecretDigest("0123456789abcdef", h)));
    if (depth == 0) {
      return leaves;
    }
    Arbitrary<Value> arrays = values(depth - 1).list().ofMaxSize(3).map(Value.Array::new);
    Arbitrary<Value> dicts = Arbitraries.maps(Arbitraries.strings().withChars("$ab").ofMaxLength(8), values(depth - 1))
        .ofMaxSize(3).map(m -> new Value.Dict(new TreeMap<>(m)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaves), net.jqwik.api.Tuple.of(1, arrays), net.jqwik.api.Tuple.of(1, dicts));
  }

}
