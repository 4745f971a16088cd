package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.graph.FileTemplates;
import java.util.ArrayList;
import java.util.List;

/** Every declared file has content or a template (not both), and its template renders for each of its nodes. */
public final class TemplateCheck implements ClusterCheck {
  @Override
  public Code code() {
    return Code.TEMPLATE;
  }

  @Override
  public List<Diagnostic> run(Program program) {
    var out = new ArrayList<Diagnostic>();
    var templates = new FileTemplates.Renderer(program);
    for (Entity f : program.ofKind("file")) {
      boolean content = !(f.get("content") instanceof Value.Null);
      boolean template = !(f.get("template") instanceof Value.Null);
      if (content == template) {
        out.add(Diagnostic.error(Code.TEMPLATE, f.span(), "file " + f.name() + " needs exactly one of `content` and `template`",
            "write the content inline, or name a Pebble template file relative to this .lab"));
        continue;
      }
      if (!template) continue;
      var on = Values.refs(f.get("on"));
      for (Entity n : program.ofKind("node")) {
        if (!on.isEmpty() && on.stream().noneMatch(r -> r.name().equals(n.name()))) continue;
        try {
          templates.render(f, n);
        } catch (FileTemplates.TemplateException e) {
          out.add(Diagnostic.error(Code.TEMPLATE, f.spanOf("template"), e.getMessage() + " (rendering for node " + n.name() + ")",
              "templates see vars, node (name, address, hostname, roles) and nodes; see docs/language.md"));
          break;
        }
      }
    }
    return out;
  }
}
