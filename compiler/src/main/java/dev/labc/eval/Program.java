package dev.labc.eval;

import dev.labc.types.Schema;
import java.util.List;
import java.util.SortedMap;

/** The evaluated configuration: every entity by address, the schemas in force, and param values. */
public record Program(SortedMap<String, Entity> entities, SortedMap<String, Schema> schemas,
                      SortedMap<String, Value> params) {

  /**
   * The entities of one kind, in address order. Addresses are "kind.name", so they are one range
   * of the sorted map ('/' follows '.'): no scan of every entity, which made callers that ask per
   * node quadratic.
   */
  public List<Entity> ofKind(String kind) {
    return List.copyOf(entities.subMap(kind + ".", kind + "/").values());
  }

  public Entity entity(String kind, String name) { return entities.get(kind + "." + name); }
}
