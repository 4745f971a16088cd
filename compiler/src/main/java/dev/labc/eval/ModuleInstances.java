package dev.labc.eval;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.syntax.Stmt;
import dev.labc.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Modules as Terraform's `module` blocks: a module every import names `as NAME` is made once per
 * import, with that import's params, which may be blocks (a node, a list of nodes, a storage),
 * since they are set once the importer's blocks exist. Each instance's blocks are named after its
 * import (`file.hub_a.config`; users, groups and nodes by their label, see {@link KindBodies}),
 * its lets are bound in the order written. A module imported without `as` stays one shared copy.
 */
final class ModuleInstances {
  private final Evaluator ev;
  private final KindBodies bodies;

  ModuleInstances(Evaluator ev, KindBodies bodies) {
    this.ev = ev;
    this.bodies = bodies;
  }

  /** Whether a module imported by these statements is instanced: each names it `as NAME`, and it is not the stdlib's. */
  static boolean isInstanced(List<Stmt.Import> imports) {
    return !imports.isEmpty() && imports.stream().allMatch(im -> im.alias() != null && im.path().literalValue() != null && !im.path().literalValue().startsWith("std/"));
  }

  void expand(SortedMap<String, Entity> entities) {
    var aliases = new HashMap<String, Stmt.Import>();
    for (var module : ev.instancedModules().entrySet()) {
      for (Map.Entry<Stmt.Import, SyntaxTree> site : ev.importsOf(module.getKey())) {
        Stmt.Import im = site.getKey();
        String alias = im.alias().name();
        Stmt.Import first = aliases.putIfAbsent(alias, im);
        if (first != null) {
          ev.report(Diagnostic.error(Code.DUPLICATE_DECLARATION, im.alias().span(), "two module instances are named `" + alias + "`",
                  "each `import ... as NAME` makes an instance whose blocks are named after it; give this one another name")
              .withRelated(new Related(first.alias().span(), "first named here")));
          continue;
        }
        Map<String, Value> params = ev.paramsAt(im, site.getValue(), module.getKey());
        if (params == null) continue; // refused with a located diagnostic
        Env names = Env.EMPTY;
        for (var p : params.entrySet()) names = names.bind(p.getKey(), p.getValue());
        var at = new KindBodies.Instance("module instance `" + alias + "`", im.alias().span());
        for (Entity e : bodies.body(perInstance(module.getValue()), names, alias + ".", at)) {
          Entity put = bodies.put(entities, e, null, at);
          if (put != null) bodies.expandInstance(put, entities);
        }
      }
    }
  }

  /** The statements made once per instance: lets, blocks, `for` and `if`. */
  private static List<Stmt> perInstance(SyntaxTree module) {
    var out = new ArrayList<Stmt>();
    for (Stmt s : module.statements()) {
      if (s instanceof Stmt.Let || s instanceof Stmt.Block || s instanceof Stmt.For || s instanceof Stmt.If) out.add(s);
    }
    return out;
  }
}
