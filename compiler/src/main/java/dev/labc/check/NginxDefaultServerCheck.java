package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * nginx refuses to start with two default servers on one port ("a duplicate default server for
 * 0.0.0.0:80"): every site labc writes is `default_server` unless told otherwise, so a second
 * `nginx_proxy` (or a Transformer Lab with its nginx) on a node breaks nginx there at apply time.
 * Caught here, at the second site, before anything runs.
 */
final class NginxDefaultServerCheck implements ClusterCheck {
  public Code code() { return Code.NGINX_DEFAULT_SERVER; }

  /** One site that claims the default server of a port on a node, and where the user declared it. */
  private record Site(String what, Span at) {}

  private record Place(String node, long port) {}

  public List<Diagnostic> run(Program p) {
    var first = new LinkedHashMap<Place, Site>();
    var out = new ArrayList<Diagnostic>();
    for (Entity e : p.ofKind("nginx_proxy")) {
      if (!(e.get("default_server") instanceof Value.Bool b && b.value())) continue;
      claim(p, first, out, e, e.get("on"), e.get("listen"), "nginx_proxy `" + e.name() + "`");
    }
    for (Entity t : p.ofKind("transformerlab")) {
      if (!(t.get("nginx") instanceof Value.Bool b && b.value())) continue;
      // Once its site is an `nginx_proxy` its body declares, that block was counted above.
      if (p.ofKind("nginx_proxy").stream().anyMatch(e -> e.owners().contains(t.address()))) continue;
      claim(p, first, out, t, t.get("on"), t.get("listen"), "transformerlab `" + t.name() + "`'s nginx site");
    }
    return out;
  }

  private void claim(Program p, Map<Place, Site> first, List<Diagnostic> out, Entity e, Value on, Value listen, String what) {
    if (!(on instanceof Value.Ref node) || !(listen instanceof Value.Int port)) return;
    var site = new Site(what, declaredAt(p, e));
    Site earlier = first.putIfAbsent(new Place(node.name(), port.value()), site);
    if (earlier == null) return;
    out.add(Diagnostic.error(code(), site.at(), what + " is a second default server for port " + port.value() + " on node `" + node.name()
            + "` (" + earlier.what() + " is one): nginx refuses to start with two",
        "set `default_server = false` on all but one site of the port, or give each its own `listen`")
        .withRelated(new Related(earlier.at(), earlier.what() + " is the default server of port " + port.value() + " here")));
  }

  /** Where the user wrote it: a block a kind's body declares is shown at the instance that made it. */
  private static Span declaredAt(Program p, Entity e) {
    for (String owner : e.owners()) {
      int dot = owner.indexOf('.');
      Entity o = dot < 0 ? null : p.entity(owner.substring(0, dot), owner.substring(dot + 1));
      if (o != null) return o.span();
    }
    return e.spanOf("default_server");
  }
}
