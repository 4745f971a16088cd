package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Every declared file has content or a template, not both. Whether the template renders is found
 * where it is rendered, once, by the graph builder (the same E0418, at the `template` attribute).
 */
public final class TemplateCheck implements ClusterCheck {
  @Override
  public Code code() {
    return Code.TEMPLATE;
  }

  @Override
  public List<Diagnostic> run(Program program) {
    var out = new ArrayList<Diagnostic>();
    for (Entity f : program.ofKind("file")) {
      boolean content = !(f.get("content") instanceof Value.Null);
      boolean template = !(f.get("template") instanceof Value.Null);
      if (content == template) {
        out.add(Diagnostic.error(Code.TEMPLATE, f.span(), "file " + f.name() + " needs exactly one of `content` and `template`",
            "write the content inline, or name a Pebble template file relative to this .lab"));
      }
    }
    return out;
  }
}
