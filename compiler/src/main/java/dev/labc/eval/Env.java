package dev.labc.eval;

/** Local bindings (loop and comprehension variables, block lets): a persistent linked list. */
public record Env(String name, Value value, Env parent) {
  public static final Env EMPTY = new Env(null, null, null);

  public Env bind(String n, Value v) { return new Env(n, v, this); }

  public Value lookup(String n) {
    for (Env e = this; e != null && e.name != null; e = e.parent) {
      if (e.name.equals(n)) return e.value;
    }
    return null;
  }

  public java.util.List<String> names() {
    var out = new java.util.ArrayList<String>();
    for (Env e = this; e != null && e.name != null; e = e.parent) out.add(e.name);
    return out;
  }
}
