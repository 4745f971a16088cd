package dev.labc.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Natural order is a total order consistent with equals, and counts the way people do. */
class NaturalOrderPropertyTest {
  @Provide
  Arbitrary<String> names() {
    var parts = Arbitraries.oneOf(Arbitraries.of("gpu-", "n", "-", "a", "b", "0", "00", "x_"),
        Arbitraries.integers().between(0, 120).map(String::valueOf));
    return parts.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l));
  }

  @Property(tries = 500)
  void aTotalOrderConsistentWithEquals(@ForAll("names") String a, @ForAll("names") String b, @ForAll("names") String c) {
    var order = NaturalOrder.TEXT;
    assertEquals(Integer.signum(order.compare(a, b)), -Integer.signum(order.compare(b, a)));
    assertEquals(a.equals(b), order.compare(a, b) == 0);
    if (order.compare(a, b) <= 0 && order.compare(b, c) <= 0) assertEquals(true, order.compare(a, c) <= 0, a + " " + b + " " + c);
  }

  @Example
  void numbersCountByValue() {
    var names = new ArrayList<>(List.of("infer-10", "infer-2", "infer-1", "gpu-010", "gpu-9", "gpu-09", "train-1", "ctl-3"));
    names.sort(NaturalOrder.TEXT);
    assertEquals(List.of("ctl-3", "gpu-09", "gpu-9", "gpu-010", "infer-1", "infer-2", "infer-10", "train-1"), names);
    assertEquals(-1, Integer.signum(NaturalOrder.ADDRESSES.compare(
        ResourceAddr.parse("node.infer-2.user[\"a\"]"), ResourceAddr.parse("node.infer-10.user[\"a\"]"))));
    assertEquals(-1, Integer.signum(NaturalOrder.ADDRESSES.compare(
        ResourceAddr.parse("node.zeta.hostname"), ResourceAddr.parse("cluster.alpha.chart[\"x\"]"))), "nodes before clusters");
  }
}
