package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.graph.GrubDropIn;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * std/os's `kernel_args` as a user writes it: over generated argument words, a safe one lands
 * verbatim in the GRUB drop-in (read back as written) with update-grub watching it, on the nodes
 * of `on`; a word the sourced drop-in's shell would read as more than itself (a blank, a quote,
 * `$`, a backquote, a backslash, `;`) is refused by the checker, not written.
 */
class KernelArgsKindTest {
  @Property(tries = 40)
  void safeArgumentsAreWrittenVerbatimAndUnsafeOnesRefused(@ForAll("word") String word, @ForAll("unsafe") String bad) {
    String ok = "import \"std/os\"\nkernel_args gpu {\n  on = [node.gpu-1]\n  args = [\"iommu=pt\", \"" + word + "\"]\n}\n";
    var g = StdlibKindsTest.graph(ok);
    String dropIn = StdlibKindsTest.content(g, "node.gpu-1.file[\"" + GrubDropIn.path("gpu") + "\"]");
    assertEquals(List.of("iommu=pt", word), GrubDropIn.args(dropIn).orElseThrow(), dropIn);
    var grub = StdlibKindsTest.get(g, "node.gpu-1.command[\"update-grub-gpu\"]");
    assertTrue(grub.dependsOn().stream().anyMatch(a -> a.toString().equals("node.gpu-1.file[\"" + GrubDropIn.path("gpu") + "\"]")), grub.toString());
    assertFalse(g.resources().keySet().stream().anyMatch(a -> !a.scope().name().equals("gpu-1") && a.toString().contains("grub")),
        "a node not in `on` got the drop-in");

    String escaped = bad.replace("\\", "\\\\").replace("\"", "\\\"");
    String refused = "import \"std/os\"\nkernel_args gpu {\n  args = [\"" + escaped + "\"]\n}\n";
    assertFalse(StdlibKindsTest.codes(refused).isEmpty(), "accepted " + bad);
  }

  @Provide
  Arbitrary<String> word() {
    var name = Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', '-').ofMinLength(1).ofMaxLength(12).filter(s -> Character.isLetter(s.charAt(0)));
    var value = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars(',', ':', '/', '+', '=', '.').ofMinLength(1).ofMaxLength(12);
    return Arbitraries.oneOf(name, net.jqwik.api.Combinators.combine(name, value).as((n, v) -> n + "=" + v));
  }

  @Provide
  Arbitrary<String> unsafe() {
    return Arbitraries.of(" ", "\"", "$", "`", "\\", ";", "'", "$(reboot)").flatMap(c -> Arbitraries.of("iommu=pt").map(w -> w + c + "x"));
  }
}
