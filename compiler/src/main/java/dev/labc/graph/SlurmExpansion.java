package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * std/slurm's `slurm` kind (seed 003 Path A): on the controller and every worker, one slurm.conf,
 * gres.conf and cgroup.conf generated from the declared nodes and GPUs and the MUNGE key; munge, slurmctld on
 * the controller and slurmd on the workers, each restarted when the files it reads change. The
 * configuration files are written before the packages, so the daemons' first start reads them.
 */
final class SlurmExpansion {
  static final String SLURM_CONF = "/etc/slurm/slurm.conf";
  static final String GRES_CONF = "/etc/slurm/gres.conf";
  static final String CGROUP_CONF = "/etc/slurm/cgroup.conf";
  static final String MUNGE_KEY = "/etc/munge/munge.key";

  private SlurmExpansion() {}

  /**
   * The NodeName figures from the node's declared `cpu` and `memory` (nothing gathered: a first
   * plan contacts no host, and slurm.conf must not change with who answered). Left out, slurmctld
   * counts the node as 1 CPU and 1 MB; E0428 warns about it and E0429 checks them against facts.
   */
  static String hardware(Entity n) {
    var out = new StringBuilder();
    if (n.get("cpu") instanceof Value.Obj cpu) {
      long sockets = count(cpu, "sockets"), cores = count(cpu, "cores_per_socket"), threads = count(cpu, "threads_per_core");
      out.append(" CPUs=").append(sockets * cores * threads).append(" Sockets=").append(sockets)
          .append(" CoresPerSocket=").append(cores).append(" ThreadsPerCore=").append(threads);
    }
    if (n.get("memory") instanceof Value.Quantity mem) out.append(" RealMemory=").append(mebibytes(mem));
    return out.toString();
  }

  /** Slurm's RealMemory is in MiB; a declared figure between two MiB rounds down, never claiming more. */
  static long mebibytes(Value.Quantity size) {
    return size.base().divideToIntegralValue(java.math.BigDecimal.valueOf(1L << 20)).longValueExact();
  }

  private static long count(Value.Obj cpu, String field) {
    return cpu.fields().get(field) instanceof Value.Int i ? i.value() : 1;
  }

  static void expand(Program program, Entity sl, Emit emit) {
    if (!(sl.get("controller") instanceof Value.Ref ctl)) return;
    var workers = Values.refs(sl.get("workers"));
    var conf = new StringBuilder("# managed by labc\nClusterName=").append(Values.text(sl.get("cluster_name")))
        .append("\nSlurmctldHost=").append(ctl.name()).append("\nAuthType=auth/munge\nGresTypes=gpu\nSelectType=select/cons_tres\n")
        // Said, not left to the default: the real slurmd needs cgroup controllers for proctrack/cgroup.
        .append("ProctrackType=proctrack/").append(Values.text(sl.get("proctrack"))).append('\n');
    var gres = new StringBuilder("# managed by labc\n");
    for (Value.Ref w : workers) {
      Entity n = program.entity("node", w.name());
      int gpus = n.get("gpu") instanceof Value.Obj g && g.fields().get("count") instanceof Value.Int c ? (int) c.value() : 0;
      conf.append("NodeName=").append(n.name()).append(" NodeAddr=").append(Values.text(n.get("address"))).append(hardware(n))
          .append(gpus > 0 ? " Gres=gpu:" + gpus : "").append(" State=UNKNOWN\n");
      if (gpus > 0) gres.append("NodeName=").append(n.name()).append(" Name=gpu File=/dev/nvidia[0-").append(gpus - 1).append("]\n");
    }
    conf.append("PartitionName=gpu Nodes=").append(String.join(",", workers.stream().map(Value.Ref::name).toList())).append(" Default=YES MaxTime=INFINITE State=UP\n");
    // One String each for every member: slurm.conf lists every node, so a copy per node is nodes².
    String confText = conf.toString();
    String gresText = gres.toString();
    // slurmd reads cgroup.conf beside slurm.conf at every start, whatever ProctrackType says.
    String cgroupText = "# managed by labc\nCgroupPlugin=" + Values.text(sl.get("cgroup_plugin")) + "\n";
    var members = new TreeSet<String>();
    members.add(ctl.name());
    workers.forEach(w -> members.add(w.name()));
    for (String m : members) {
      Scope s = Scope.node(m);
      var files = new ArrayList<ResourceAddr>();
      files.add(emit.file(s, SLURM_CONF, confText, List.of(), sl.span()));
      files.add(emit.file(s, GRES_CONF, gresText, List.of(), sl.span()));
      files.add(emit.file(s, CGROUP_CONF, cgroupText, List.of(), sl.span()));
      var mungeFiles = new ArrayList<ResourceAddr>();
      if (sl.get("munge_key") instanceof Value.Secret key) {
        ResourceAddr k = s.resource("file", MUNGE_KEY);
        // Owned by the munge user, which the package creates.
        boolean daemons = sl.get("daemons") instanceof Value.Bool d && d.value();
        emit.add(k, "file", java.util.Map.of("path", Emit.str(MUNGE_KEY), "content", key, "mode", Emit.str("0400"), "owner", Emit.str("munge")),
            daemons ? List.of(emit.pkg(s, "munge", List.of(), sl.spanOf("munge_key"))) : List.of(), sl.spanOf("munge_key"));
        mungeFiles.add(k);
      }
      if (!(sl.get("daemons") instanceof Value.Bool d && d.value())) continue;
      ResourceAddr munge = emit.service(s, "munge", mungeFiles, "restart", List.of(emit.pkg(s, "munge", List.of(), sl.span())), sl.span());
      if (m.equals(ctl.name())) {
        ResourceAddr pkg = emit.pkg(s, "slurmctld", files, sl.span());
        emit.service(s, "slurmctld", files, "restart", List.of(pkg, munge), sl.span());
      }
      if (workers.stream().anyMatch(w -> w.name().equals(m))) {
        ResourceAddr pkg = emit.pkg(s, "slurmd", files, sl.span());
        emit.service(s, "slurmd", files, "restart", List.of(pkg, munge), sl.span());
        // scontrol, which labc drains the node with before a disruptive step: Debian's slurmd does not depend
        // on slurm-client (slurmctld does), and without it a worker was never drained.
        emit.pkg(s, "slurm-client", List.of(), sl.span());
      }
    }
  }
}
