package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.kube.KubeManifests.ManifestException;
import dev.labc.graph.KubeResources;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes declarations make objects: a manifest has a file or content (not both) holding valid
 * objects; a kube_secret's data are all secrets (a plain value would land in the plan); chart values
 * hold no secret (valuesContent is shown in the plan: put it in a kube_secret instead); a cluster
 * labc installs on more than one node has a join token.
 */
public final class KubeCheck implements ClusterCheck {
  @Override
  public Code code() {
    return Code.KUBERNETES;
  }

  @Override
  public List<Diagnostic> run(Program program) {
    var out = new ArrayList<Diagnostic>();
    for (Entity m : program.ofKind("manifest")) {
      boolean file = !(m.get("file") instanceof Value.Null), content = !(m.get("content") instanceof Value.Null);
      if (file == content) {
        out.add(Diagnostic.error(Code.KUBERNETES, m.span(), "manifest " + m.name() + " needs exactly one of `file` and `content`",
            "name a YAML file relative to this .lab, or write the YAML inline"));
        continue;
      }
      try {
        KubeResources.manifestObjects(m);
      } catch (ManifestException e) {
        out.add(KubeResources.manifestProblem(m, e));
      }
    }
    for (Entity s : program.ofKind("kube_secret")) {
      if (!(s.get("data") instanceof Value.Obj o)) {
        out.add(Diagnostic.error(Code.KUBERNETES, s.spanOf("data"), "kube_secret " + s.name() + ": `data` must be an object of secrets", null));
        continue;
      }
      o.fields().forEach((k, v) -> {
        if (!(v instanceof Value.Secret)) {
          out.add(Diagnostic.error(Code.KUBERNETES, s.spanOf("data"), "kube_secret " + s.name() + ": data[\"" + k + "\"] is a plain " + v.typeName() + ", not a secret",
              "pass it through a `secret` param (`param k: secret string = env(\"K\")`) so it never lands in plans or state"));
        }
      });
    }
    for (Entity c : program.ofKind("cluster")) {
      if (!(c.get("kubeconfig") instanceof Value.Null) || !(c.get("token") instanceof Value.Null)) continue;
      var members = new java.util.TreeSet<String>();
      dev.labc.eval.Values.refs(c.get("servers")).forEach(r -> members.add(r.name()));
      dev.labc.eval.Values.refs(c.get("agents")).forEach(r -> members.add(r.name()));
      if (members.size() > 1) {
        out.add(Diagnostic.error(Code.KUBERNETES, c.spanOf("servers"), "cluster " + c.name() + " joins " + (members.size() - 1)
            + " more node(s) to its first server but has no `token`",
            "add `token = join_token` with `param join_token: secret string = env(\"CLUSTER_TOKEN\")` (e.g. `openssl rand -hex 32`)"));
      }
    }
    // A preset is a HelmChart named like its block: two of one name in a cluster would be one object.
    var charts = new java.util.HashMap<String, Entity>();
    for (Entity c : program.ofKind("chart")) charts.putIfAbsent(c.get("cluster") + "/" + c.name(), c);
    for (String kind : dev.labc.graph.ChartPresets.KINDS) {
      for (Entity c : program.ofKind(kind)) {
        Entity other = charts.putIfAbsent(c.get("cluster") + "/" + c.name(), c);
        if (other != null) {
          out.add(Diagnostic.error(Code.KUBERNETES, c.span(), kind + " " + c.name() + " makes the HelmChart `" + c.name() + "`, which "
              + other.kind() + " " + other.name() + " in the same cluster makes too", "rename one of the blocks, or drop the `chart` one"));
        }
        if (holdsSecret(c.get("values"))) {
          out.add(Diagnostic.error(Code.KUBERNETES, c.spanOf("values"), kind + " " + c.name() + ": `values` hold a secret, which would be shown in the plan",
              "put the secret in a kube_secret and point the chart at it (most charts take an existingSecret value)"));
        }
      }
    }
    for (Entity l : program.ofKind("longhorn")) {
      if (l.get("storage") instanceof Value.Ref r && program.entity("storage", r.name()) instanceof Entity st
          && !"longhorn".equals(dev.labc.eval.Values.text(st.get("kind")))) {
        out.add(Diagnostic.error(Code.KUBERNETES, l.spanOf("storage"), "longhorn " + l.name() + " provides storage `" + r.name() + "`, whose kind is \""
            + dev.labc.eval.Values.text(st.get("kind")) + "\"", "set `kind = \"longhorn\"` on storage " + r.name()));
      }
    }
    for (Entity c : program.ofKind("chart")) {
      if (holdsSecret(c.get("values"))) {
        out.add(Diagnostic.error(Code.KUBERNETES, c.spanOf("values"), "chart " + c.name() + ": `values` hold a secret, which would be shown in the plan",
            "put the secret in a kube_secret and point the chart at it (most charts take an existingSecret value)"));
      }
      if (c.get("chart_file") instanceof Value.Str f) {
        boolean there;
        try {
          there = java.nio.file.Files.isRegularFile(c.besideDeclaration(f.value()));
        } catch (java.nio.file.InvalidPathException e) {
          there = false;
        }
        if (!there) {
          out.add(Diagnostic.error(Code.KUBERNETES, c.spanOf("chart_file"), "chart " + c.name() + ": no file " + f.value(),
              "chart_file is a packaged chart (.tgz) relative to this .lab"));
        }
      }
    }
    return out;
  }

  private static boolean holdsSecret(Value v) {
    return switch (v) {
      case Value.Secret s -> true;
      case Value.Obj o -> o.fields().values().stream().anyMatch(KubeCheck::holdsSecret);
      case Value.ListV l -> l.items().stream().anyMatch(KubeCheck::holdsSecret);
      default -> false;
    };
  }
}
