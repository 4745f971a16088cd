package dev.labc.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceAddrTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "node.gpu-07.file[\"/etc/exports\"]",
      "node.head.user[\"alice\"]",
      "node.head.hostname",
      "cluster.rke2.chart[\"gpu-operator\"]",
      "cluster.rke2.namespace[\"gpu-operator\"]",
      "node._x.file[\"\"]",
      "node.a.file[\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007\"]",
  })
  void canonicalTextSurvivesParseAndPrint(String text) {
    assertEquals(text, ResourceAddr.parse(text).toString());
  }

  @Test
  void parsesPartsOfAnAddress() {
    ResourceAddr addr = ResourceAddr.parse("node.gpu-07.file[\"/etc/exports\"]");
    assertEquals(Scope.node("gpu-07"), addr.scope());
    assertEquals(ScopeKind.NODE, addr.scope().kind());
    assertEquals("file", addr.type());
    assertEquals("/etc/exports", addr.key());
    assertNull(ResourceAddr.parse("node.head.hostname").key());
  }

  @Test
  void acceptsNonCanonicalEscapesAndPrintsThemCanonically() {
    ResourceAddr addr = ResourceAddr.parse("node.a.file[\"\\/etc\\u0041\"]");
    assertEquals("/etcA", addr.key());
    assertEquals("node.a.file[\"/etcA\"]", addr.toString());
  }

  static Stream<Arguments> badAddresses() {
    return Stream.of(
        Arguments.of("", "at column 1: expected \"node\" or \"cluster\""),
        Arguments.of("host.a.file", "at column 1: expected \"node\" or \"cluster\" but found \"host\""),
        Arguments.of("node", "at column 5: expected \".\" and a node name after \"node\""),
        Arguments.of("node.gpu-07", "at column 12: expected \".\" and a resource type after \"node.gpu-07\""),
        Arguments.of("node.7gpu.file", "at column 6: expected a node name"),
        Arguments.of("node.a.file[/etc]", "at column 13: expected a quoted key like [\"/etc/exports\"]"),
        Arguments.of("node.a.file[\"/etc]", "at column 13: the key's opening quote is never closed"),
        Arguments.of("node.a.file[\"/etc\"", "at column 19: expected \"]\" after the key"),
        Arguments.of("node.a.file[\"x\"].y", "at column 17: unexpected \".y\" at the end"),
        Arguments.of("node.a.file[\"\\q\"]", "at column 14: unknown escape \\q"),
        Arguments.of("node.a.file[\"\\u12\"]", "at column 14: \\u needs four hex digits"),
        Arguments.of("node.a.file[\"a\nb\"]", "at column 15: control character U+000A must be escaped"));
  }

  @ParameterizedTest
  @MethodSource("badAddresses")
  void rejectsBadInputSayingWhereAndWhat(String text, String expected) {
    InvalidAddrException e = assertThrows(InvalidAddrException.class, () -> ResourceAddr.parse(text));
    assertTrue(e.getMessage().startsWith("invalid address \"" + text + "\": " + expected),
        () -> "message was: " + e.getMessage());
  }

  @Test
  void ordersNodesBeforeClustersThenByNameTypeAndKey() {
    List<String> expected = List.of(
        "node.a.file[\"/a\"]",
        "node.a.file[\"/b\"]",
        "node.a.hostname",
        "node.a.user",
        "node.a.user[\"alice\"]",
        "node.b.file[\"/a\"]",
        "cluster.a.chart[\"x\"]");
    List<ResourceAddr> shuffled = new ArrayList<>(expected.stream().map(ResourceAddr::parse).toList());
    Collections.shuffle(shuffled);
    Collections.sort(shuffled);
    assertEquals(expected, shuffled.stream().map(ResourceAddr::toString).toList());
  }

  @Test
  void scopeParsesAndPrints() {
    assertEquals(Scope.cluster("rke2"), Scope.parse("cluster.rke2"));
    assertEquals("cluster.rke2", Scope.cluster("rke2").toString());
    assertThrows(InvalidAddrException.class, () -> Scope.parse("cluster.rke2.chart"));
  }
}
