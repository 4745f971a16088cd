package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.facts.Cpu;
import dev.labc.facts.FileFacts;
import dev.labc.facts.Gpu;
import dev.labc.facts.HostFacts;
import dev.labc.facts.UserAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cluster checks that need the hosts' facts, run at plan time on the nodes that answered: the
 * drift the seeds warn about that no configuration can show (a cloned machine-id, a UID that
 * differs on one node, a skewed clock, a missing GPU, a MUNGE key that differs).
 */
public final class FactChecks {
  /** Clock skew above this breaks MUNGE credentials and TLS; seed 003 warns about NTP. */
  public static final long MAX_SKEW_MILLIS = 5_000;
  public static final String MUNGE_KEY = "/etc/munge/munge.key";

  private FactChecks() {}

  public static List<Diagnostic> run(Program program, Map<String, HostFacts> facts) {
    return run(program, facts, java.util.Set.of());
  }

  /**
   * As {@link #run(Program, Map)}; {@code mungeKeyWritten} names the nodes whose MUNGE key this
   * plan writes (labc's key, not recorded in state): what they hold now is about to be replaced.
   */
  public static List<Diagnostic> run(Program program, Map<String, HostFacts> facts, java.util.Set<String> mungeKeyWritten) {
    var out = new ArrayList<Diagnostic>();
    var nodes = new TreeMap<String, Entity>();
    program.ofKind("node").forEach(n -> nodes.put(n.name(), n));
    // Once, not per node: ofKind scans every entity.
    List<Entity> declaredUsers = program.ofKind("user");
    var byMachineId = new TreeMap<String, String>();
    var mungeHashes = new TreeMap<String, String>();
    var distributed = new java.util.TreeSet<String>();
    for (Entity sl : program.ofKind("slurm")) {
      if (sl.get("munge_key") instanceof Value.Null) continue;
      if (sl.get("controller") instanceof Value.Ref c) distributed.add(c.name());
      Values.refs(sl.get("workers")).forEach(w -> distributed.add(w.name()));
    }
    for (var e : new TreeMap<>(facts).entrySet()) {
      Entity node = nodes.get(e.getKey());
      if (node == null) continue;
      HostFacts f = e.getValue();
      if (f.machineId() != null && !f.machineId().isBlank()) {
        String other = byMachineId.putIfAbsent(f.machineId(), node.name());
        if (other != null) {
          out.add(Diagnostic.error(Code.FACT_MACHINE_ID, node.span(), "nodes " + other + " and " + node.name() + " have the same machine-id " + f.machineId(),
              "they were cloned from one image; run `rm /etc/machine-id && systemd-machine-id-setup` on one of them (DHCP leases and journald depend on it)"));
        }
      }
      if (f.clock() != null && Math.abs(f.clock().skewMillis()) > MAX_SKEW_MILLIS) {
        out.add(Diagnostic.warning(Code.FACT_CLOCK_SKEW, node.span(), node.name() + "'s clock is " + f.clock().skewMillis() / 1000 + " s off this machine's",
            "enable time sync (systemd-timesyncd or chrony); MUNGE and TLS fail with skewed clocks"));
      }
      users(declaredUsers, node, f, out);
      gpus(node, f, out);
      hardware(node, f, out);
      FileFacts key = f.files() == null ? null : f.files().get(MUNGE_KEY);
      if (key != null && key.sha256() != null && !mungeKeyWritten.contains(node.name())) mungeHashes.put(node.name(), key.sha256());
    }
    if (mungeHashes.values().stream().distinct().count() > 1) {
      var first = mungeHashes.firstEntry();
      for (var e : mungeHashes.entrySet()) {
        if (!e.getValue().equals(first.getValue())) {
          // A key labc distributes was changed on the host: its content is a secret, which the
          // drift check cannot compare, so the plan would not put it back on its own.
          String hint = distributed.contains(e.getKey())
              ? "labc wrote slurm.munge_key there, but the key was changed on the host; forget the recorded file with `labc state rm FILE 'node."
                  + e.getKey() + ".file[\"" + MUNGE_KEY + "\"]'` and apply: labc writes its key again and restarts munge"
              : "every Slurm node needs the same " + MUNGE_KEY + "; declare slurm.munge_key so labc distributes one";
          out.add(Diagnostic.error(Code.FACT_MUNGE_KEY, nodes.get(e.getKey()).span(),
              "the MUNGE key on " + e.getKey() + " differs from the one on " + first.getKey(), hint));
        }
      }
    }
    return out;
  }

  /** A declared user whose name or UID is taken differently on the node: NFS permissions would rot. */
  private static void users(List<Entity> declaredUsers, Entity node, HostFacts f, List<Diagnostic> out) {
    if (f.users() == null) return;
    for (Entity u : declaredUsers) {
      if (!(u.get("uid") instanceof Value.Int uid)) continue;
      var on = Values.refs(u.get("on"));
      if (!on.isEmpty() && on.stream().noneMatch(r -> r.name().equals(node.name()))) continue;
      UserAccount live = f.users().get(u.name());
      if (live != null && live.uid() != uid.value()) {
        out.add(Diagnostic.error(Code.FACT_UID, u.span(), "user " + u.name() + " has UID " + live.uid() + " on " + node.name() + ", not the declared " + uid.value(),
            "files that user owns on " + node.name() + " (and on shared storage) must be chowned when the UID changes: find / -xdev -uid " + live.uid()));
      }
      for (UserAccount other : f.users().values()) {
        if (other.uid() == uid.value() && !other.name().equals(u.name())) {
          out.add(Diagnostic.error(Code.FACT_UID, u.span(), "UID " + uid.value() + " of user " + u.name() + " belongs to " + other.name() + " on " + node.name(),
              "give " + u.name() + " a free UID, or remove or renumber " + other.name() + " on " + node.name()));
        }
      }
    }
  }

  /**
   * The declared `cpu` and `memory` (slurm.conf's NodeName figures) against lscpu and free:
   * slurmd registering with fewer CPUs or less memory than slurm.conf says is marked invalid
   * (drained, "Low RealMemory"/"Low socket*core*thread count"), so a figure above the node's is an error.
   */
  private static void hardware(Entity node, HostFacts f, List<Diagnostic> out) {
    if (node.get("cpu") instanceof Value.Obj cpu && f.cpu() != null) {
      long sockets = count(cpu, "sockets"), cores = count(cpu, "cores_per_socket"), threads = count(cpu, "threads_per_core");
      Cpu has = f.cpu();
      boolean over = sockets * cores * threads > has.cpus() || sockets > has.sockets()
          || (has.coresPerSocket() > 0 && cores > has.coresPerSocket()) || threads > has.threadsPerCore();
      if (over) {
        out.add(Diagnostic.error(Code.FACT_HARDWARE, node.spanOf("cpu"), node.name() + " declares " + sockets + " sockets x " + cores + " cores x " + threads
                + " threads = " + sockets * cores * threads + " CPUs, but lscpu there shows " + has.sockets() + " sockets x " + has.coresPerSocket()
                + " cores x " + has.threadsPerCore() + " threads = " + has.cpus() + " CPUs",
            "slurmd would register fewer CPUs than slurm.conf says and slurmctld would mark " + node.name()
                + " invalid; declare what lscpu shows (or the wrong node answers at this address)"));
      }
    }
    if (node.get("memory") instanceof Value.Quantity mem && f.memory() != null) {
      long declared = mem.base().divideToIntegralValue(java.math.BigDecimal.valueOf(MIB)).longValueExact();
      long has = f.memory().totalBytes() / MIB;
      if (declared > has) {
        out.add(Diagnostic.error(Code.FACT_HARDWARE, node.spanOf("memory"), node.name() + " declares memory " + mem.text() + " (RealMemory=" + declared
                + " MiB), but free there shows " + has + " MiB in total",
            "slurmd would register less memory than slurm.conf says and slurmctld would mark " + node.name()
                + " invalid; declare at most `memory = " + has + "MiB` (the OS sees a little less than the DIMMs)"));
      }
    }
  }

  private static final long MIB = 1L << 20;

  private static long count(Value.Obj cpu, String field) {
    return cpu.fields().get(field) instanceof Value.Int i ? i.value() : 1;
  }

  /** The declared GPUs against what nvidia-smi reports: a dead card or a wrong node is caught before jobs land. */
  private static void gpus(Entity node, HostFacts f, List<Diagnostic> out) {
    if (!(node.get("gpu") instanceof Value.Obj gpu)) return;
    long want = gpu.fields().get("count") instanceof Value.Int c ? c.value() : 0;
    String model = gpu.fields().get("model") instanceof Value.EnumV m ? m.member() : null;
    if (f.nvidia() == null) {
      out.add(Diagnostic.warning(Code.FACT_GPU, node.span(), node.name() + " declares " + want + " GPUs but has no working nvidia-smi",
          "install the NVIDIA driver (or let the GPU Operator do it), then plan again"));
      return;
    }
    List<Gpu> found = f.nvidia().gpus();
    if (found.size() != want) {
      out.add(Diagnostic.error(Code.FACT_GPU, node.span(), node.name() + " declares " + want + " GPUs; nvidia-smi shows " + found.size(),
          "a card fell off the bus (check dmesg for Xid errors) or the declaration is wrong"));
    }
    if (model != null) {
      for (Gpu g : found) {
        if (!matches(model, g.name())) {
          out.add(Diagnostic.error(Code.FACT_GPU, node.span(), node.name() + " declares " + model + " but GPU " + g.index() + " is " + g.name(),
              "correct the gpu model of " + node.name()));
          break;
        }
      }
    }
    String driver = gpu.fields().get("driver_version") instanceof Value v && !(v instanceof Value.Null) ? Values.text(v) : null;
    if (driver != null && f.nvidia().driverVersion() != null && !f.nvidia().driverVersion().startsWith(driver)) {
      out.add(Diagnostic.warning(Code.FACT_DRIVER, node.span(), node.name() + " runs driver " + f.nvidia().driverVersion() + ", not the declared " + driver,
          "apply the driver package (a reboot may be needed), or change driver_version"));
    }
  }

  /**
   * Whether nvidia-smi's name is the declared model: by the model's pattern in {@link GpuModels}
   * ("NVIDIA H100 80GB HBM3" is `H100_SXM`, not `H100_PCIE`); for a model labc has no pattern
   * for, every part of the enum name must appear in the reported name.
   */
  public static boolean matches(String model, String reported) {
    var known = GpuModels.of(model);
    if (known.isPresent()) return known.get().reportedAs(reported);
    String name = reported.toUpperCase().replace(" ", "").replace("-", "");
    for (String part : model.toUpperCase().split("_")) if (!name.contains(part)) return false;
    return true;
  }
}
