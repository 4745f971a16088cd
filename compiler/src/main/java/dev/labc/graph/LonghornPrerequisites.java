package dev.labc.graph;

import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.List;
import java.util.TreeSet;

/**
 * What std/charts' {@code longhorn} needs on the hosts: Longhorn attaches volumes over iSCSI and
 * serves RWX volumes over NFSv4, so every member of its cluster gets open-iscsi (with iscsid
 * running) and nfs-common. The chart itself is a Kubernetes object ({@code dev.labc.graph.ChartPresets}).
 */
final class LonghornPrerequisites {
  private LonghornPrerequisites() {}

  static void expand(Program program, Entity longhorn, Emit emit) {
    if (!(longhorn.get("cluster") instanceof Value.Ref ref) || program.entity("cluster", ref.name()) == null) return;
    Entity cluster = program.entity("cluster", ref.name());
    var members = new TreeSet<String>();
    Values.refs(cluster.get("servers")).forEach(r -> members.add(r.name()));
    Values.refs(cluster.get("agents")).forEach(r -> members.add(r.name()));
    for (String m : members) {
      Scope s = Scope.node(m);
      var iscsi = emit.pkg(s, "open-iscsi", List.of(), longhorn.span());
      emit.pkg(s, "nfs-common", List.of(), longhorn.span());
      emit.service(s, "iscsid", List.of(), "restart", List.of(iscsi), longhorn.span());
    }
  }
}
