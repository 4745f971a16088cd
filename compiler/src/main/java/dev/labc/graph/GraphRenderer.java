package dev.labc.graph;

import dev.labc.addr.NaturalOrder;
import dev.labc.addr.ResourceAddr;
import java.util.List;

/** The resource graph as DOT (Graphviz) or Mermaid, so it renders as a picture in a browser or pull request. */
public final class GraphRenderer {
  private GraphRenderer() {}

  public static String dot(ResourceGraph g) {
    var sb = new StringBuilder("digraph labc {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
    String scope = null;
    int cluster = 0;
    for (Resource r : natural(g)) {
      String s = r.addr().scope().toString();
      if (!s.equals(scope)) {
        if (scope != null) sb.append("  }\n");
        sb.append("  subgraph cluster_").append(cluster++).append(" {\n    label=").append(q(s)).append(";\n");
        scope = s;
      }
      sb.append("    ").append(q(r.addr().toString())).append(";\n");
    }
    if (scope != null) sb.append("  }\n");
    for (Resource r : natural(g)) {
      for (ResourceAddr d : r.dependsOn()) sb.append("  ").append(q(r.addr().toString())).append(" -> ").append(q(d.toString())).append(";\n");
    }
    return sb.append("}\n").toString();
  }

  public static String mermaid(ResourceGraph g) {
    var sb = new StringBuilder("graph LR\n");
    var ids = new java.util.HashMap<ResourceAddr, String>();
    int i = 0;
    String scope = null;
    for (Resource r : natural(g)) {
      String s = r.addr().scope().toString();
      if (!s.equals(scope)) {
        if (scope != null) sb.append("  end\n");
        sb.append("  subgraph ").append(s.replaceAll("[^A-Za-z0-9_]", "_")).append("[\"").append(s).append("\"]\n");
        scope = s;
      }
      String id = "r" + i++;
      ids.put(r.addr(), id);
      sb.append("    ").append(id).append("[\"").append(r.addr().toString().replace("\"", "#quot;")).append("\"]\n");
    }
    if (scope != null) sb.append("  end\n");
    for (Resource r : natural(g)) {
      for (ResourceAddr d : r.dependsOn()) {
        if (ids.containsKey(d)) sb.append("  ").append(ids.get(r.addr())).append(" --> ").append(ids.get(d)).append('\n');
      }
    }
    return sb.toString();
  }

  /** One line per resource with its dependencies: the form golden tests compare. */
  public static String text(ResourceGraph g) {
    var sb = new StringBuilder();
    for (Resource r : natural(g)) {
      sb.append(r.addr()).append(" (").append(r.type()).append(")");
      if (!r.needs().isEmpty()) sb.append(" (needs ").append(dev.labc.plan.Need.words(r.needs())).append(')');
      sb.append('\n');
      for (ResourceAddr d : r.dependsOn()) {
        sb.append("  after ").append(d);
        g.reason(r.addr(), d).ifPresent(why -> sb.append(" (").append(why).append(')'));
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  // Natural order (infer-2 before infer-10) for people; the graph itself keeps address order.
  private static List<Resource> natural(ResourceGraph g) {
    var out = new java.util.ArrayList<>(g.resources().values());
    out.sort((a, b) -> NaturalOrder.ADDRESSES.compare(a.addr(), b.addr()));
    return out;
  }

  private static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
