package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * slurm.conf's NodeName line takes a worker's CPUs and RealMemory from its declared `cpu` and
 * `memory`; without them slurmctld counts the node as 1 CPU and 1 MB (seen on the real cluster:
 * `scontrol show node` says CPUTot=1 RealMemory=1), so jobs asking for more never run there.
 */
final class SlurmHardwareCheck implements ClusterCheck {
  public Code code() { return Code.SLURM_HARDWARE; }

  public List<Diagnostic> run(Program p) {
    var out = new ArrayList<Diagnostic>();
    var workers = new TreeSet<String>();
    for (Entity s : p.ofKind("slurm")) Values.refs(s.get("workers")).forEach(w -> workers.add(w.name()));
    for (String name : workers) {
      Entity n = p.entity("node", name);
      if (n == null) continue;
      var missing = new ArrayList<String>();
      if (n.get("cpu") instanceof Value.Null) missing.add("`cpu`");
      if (n.get("memory") instanceof Value.Null) missing.add("`memory`");
      if (missing.isEmpty()) continue;
      boolean noCpu = missing.contains("`cpu`"), noMemory = missing.contains("`memory`");
      String fields = noCpu && noMemory ? "CPUs or RealMemory" : noCpu ? "CPUs" : "RealMemory";
      String counted = noCpu && noMemory ? "1 CPU and 1 MB" : noCpu ? "1 CPU" : "1 MB of memory";
      out.add(Diagnostic.warning(code(), n.span(), "Slurm worker `" + name + "` declares no " + String.join(" or ", missing)
              + ": its slurm.conf line has no " + fields + ", and slurmctld counts it as " + counted,
          "declare what `lscpu` and `free -m` show on it, e.g. `cpu { sockets = 2, cores_per_socket = 56, threads_per_core = 2 }` "
              + "and `memory = 2000GiB` (a little below the DIMMs: the kernel keeps some); labc checks them against the node's facts (E0429)"));
    }
    return out;
  }
}
