package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Seed 003's "UID Consistency": every user keeps one UID on every node (labc applies the declared
 * one everywhere), so the static part is that no two users or groups share an ID.
 */
final class UidCheck implements ClusterCheck {
  public Code code() { return Code.UID_MISMATCH; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    unique(p.ofKind("user"), "uid", "user", out);
    unique(p.ofKind("group"), "gid", "group", out);
    return out;
  }

  private void unique(List<Entity> entities, String attr, String what, List<Diagnostic> out) {
    var seen = new HashMap<Long, Entity>();
    for (Entity e : entities) {
      if (!(e.get(attr) instanceof Value.Int id)) continue;
      Entity prev = seen.putIfAbsent(id.value(), e);
      if (prev != null) {
        out.add(Diagnostic.error(code(), e.spanOf(attr), what + "s `" + prev.name() + "` and `" + e.name() + "` share " + attr + " " + id.value(),
            "on shared storage they would own each other's files; give each its own " + attr)
            .withRelated(new Related(prev.spanOf(attr), "`" + prev.name() + "` has " + attr + " " + id.value())));
      }
    }
  }
}
