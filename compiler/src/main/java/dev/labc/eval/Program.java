package dev.labc.eval;

import dev.labc.types.Schema;
import java.util.List;
import java.util.SortedMap;

/** The evaluated configuration: every entity by address, the schemas in force, and param values. */
public record Program(SortedMap<String, Entity> entities, SortedMap<String, Schema> schemas,
                      SortedMap<String, Value> params) {

  public List<Entity> ofKind(String kind) {
    return entities.values().stream().filter(e -> e.kind().equals(kind)).toList();
  }

  public Entity entity(String kind, String name) { return entities.get(kind + "." + name); }
}
