package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * A declared command says when it runs (`creates`, `unless` or `on_change`: a bare command would
 * run on every apply), and the files a command or service watches are declared on every node it
 * runs on, or the watch would silently never fire there.
 */
public final class CommandGuardCheck implements ClusterCheck {
  @Override
  public Code code() {
    return Code.COMMAND_GUARD;
  }

  @Override
  public List<Diagnostic> run(Program program) {
    var out = new ArrayList<Diagnostic>();
    for (Entity c : program.ofKind("command")) {
      int guards = (c.get("creates") instanceof Value.Null ? 0 : 1) + (c.get("unless") instanceof Value.Null ? 0 : 1)
          + (Values.refs(c.get("on_change")).isEmpty() ? 0 : 1);
      if (guards != 1) {
        out.add(Diagnostic.error(Code.COMMAND_GUARD, c.span(), "command " + c.name() + (guards == 0 ? " says nothing about when it runs" : " has more than one of `creates`, `unless` and `on_change`"),
            "give exactly one: `creates` (a path the command makes), `unless` (a command that succeeds when nothing is to do) or `on_change` (files whose change runs it)"));
      }
      watchedEverywhere(program, c, "on_change", out);
      if (c.get("env") instanceof Value.Obj env) {
        for (String name : env.fields().keySet()) {
          if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) continue;
          out.add(Diagnostic.error(Code.COMMAND_GUARD, c.spanOf("env"), "`env` of command " + c.name() + " names " + dev.labc.format.Formatter.quote(name) + ", which is not an environment variable's name",
              "names are letters, digits and `_`, not starting with a digit, e.g. `DB_PASSWORD`"));
        }
      }
    }
    for (Entity s : program.ofKind("service")) watchedEverywhere(program, s, "restart_on", out);
    return out;
  }

  private static final java.util.Set<String> WITHOUT_CONTENT = java.util.Set.of("node", "group", "user", "network", "circuit", "storage", "cluster",
      "namespace", "chart", "manifest", "kube_secret", "package", "directory", "service", "command");

  private static void watchedEverywhere(Program program, Entity e, String attr, List<Diagnostic> out) {
    var on = Values.refs(e.get("on"));
    if (e.get(attr) instanceof Value.ListV items) {
      for (Value v : items.items()) {
        // Files and lines, and the stdlib kinds, whose files are watched; std/core's other kinds have no content.
        if (v instanceof Value.Ref r && !WITHOUT_CONTENT.contains(r.kind())) continue;
        out.add(Diagnostic.error(Code.COMMAND_GUARD, e.spanOf(attr), "`" + attr + "` of " + e.kind() + " " + e.name() + " lists "
                + (v instanceof Value.Ref r ? r.kind() + " " + r.name() : "a " + v.typeName()) + ", which has no content to watch",
            "list `file` and `line` blocks or stdlib blocks whose files to watch, e.g. `" + attr + " = [file.app-conf, line.sshd-alive, docker.engine]`"));
      }
    }
    for (Value.Ref r : Values.refs(e.get(attr))) {
      if (!r.kind().equals("file") && !r.kind().equals("line")) continue;
      var fileOn = Values.refs(program.entity(r.kind(), r.name()).get("on"));
      if (fileOn.isEmpty()) continue; // on every node
      for (Entity n : program.ofKind("node")) {
        boolean runsHere = on.isEmpty() || on.stream().anyMatch(x -> x.name().equals(n.name()));
        if (runsHere && fileOn.stream().noneMatch(x -> x.name().equals(n.name()))) {
          out.add(Diagnostic.error(Code.COMMAND_GUARD, e.spanOf(attr), e.kind() + " " + e.name() + " watches " + r.kind() + " " + r.name() + ", which is not declared on node " + n.name(),
              "declare the " + r.kind() + " on every node the " + e.kind() + " is on, or narrow the " + e.kind() + "'s `on`"));
          break;
        }
      }
    }
  }
}
