package dev.labc.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResourceAddrPropertyTest {
  @Property(tries = 1000)
  void parseInvertsToString(@ForAll("addrs") ResourceAddr addr) {
    assertEquals(addr, ResourceAddr.parse(addr.toString()));
  }

  @Property(tries = 1000)
  void printingAParsedAddressGivesTheSameText(@ForAll("addrs") ResourceAddr addr) {
    String text = addr.toString();
    assertEquals(text, ResourceAddr.parse(text).toString());
  }

  @Property(tries = 1000)
  void orderIsConsistentWithEquals(@ForAll("addrs") ResourceAddr a, @ForAll("addrs") ResourceAddr b) {
    assertEquals(a.equals(b), a.compareTo(b) == 0);
    assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
  }

  @Property(tries = 1000)
  void orderIsTransitive(
      @ForAll("addrs") ResourceAddr a, @ForAll("addrs") ResourceAddr b, @ForAll("addrs") ResourceAddr c) {
    if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
      assertEquals(true, a.compareTo(c) <= 0);
    }
  }

  @Provide
  Arbitrary<ResourceAddr> addrs() {
    // Small alphabets make equal and nearly-equal addresses common, which is what ordering needs.
    Arbitrary<String> names = Arbitraries.strings().withChars("ab_-09Z").ofMinLength(0).ofMaxLength(4)
        .map(s -> "n" + s);
    Arbitrary<String> keys = Arbitraries.oneOf(
        Arbitraries.strings().withChars("ab/\"\\\n").ofMaxLength(4),
        Arbitraries.strings().all().ofMaxLength(12));
    Arbitrary<Scope> scopes = Combinators.combine(Arbitraries.of(ScopeKind.class), names).as(Scope::new);
    return Combinators.combine(scopes, names, keys.injectNull(0.3)).as(ResourceAddr::new);
  }
}
