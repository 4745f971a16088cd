package dev.labc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.labc.source.SourceFile;
import dev.labc.source.Span;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Program.ofKind reads a range of the address map; kinds that share a prefix must not leak into it. */
class ProgramTest {
  private static final Span SPAN = new Span(new SourceFile("t.lab", "x"), 0, 1);

  private static Entity entity(String kind, String name) {
    return new Entity(kind, name, SPAN, new TreeMap<>(), new TreeMap<>(), List.of());
  }

  @Test
  void ofKindIsExactlyThatKindInAddressOrder() {
    var entities = new TreeMap<String, Entity>();
    for (Entity e : List.of(entity("node", "b"), entity("node", "a"), entity("node_pool", "a"), entity("nodes", "x"),
        entity("nod", "e.a"), entity("network", "lan"), entity("node", "a.b"), entity("user", "node"))) {
      entities.put(e.address(), e);
    }
    var program = new Program(entities, new TreeMap<>(), new TreeMap<>());
    assertEquals(List.of("node.a", "node.a.b", "node.b"), program.ofKind("node").stream().map(Entity::address).toList());
    assertEquals(List.of("nod.e.a"), program.ofKind("nod").stream().map(Entity::address).toList());
    assertEquals(List.of("node_pool.a"), program.ofKind("node_pool").stream().map(Entity::address).toList());
    assertEquals(List.of(), program.ofKind("storage"));
    for (String kind : List.of("node", "nod", "node_pool", "nodes", "network", "user")) {
      assertEquals(entities.values().stream().filter(e -> e.kind().equals(kind)).toList(), program.ofKind(kind), kind);
    }
  }
}
