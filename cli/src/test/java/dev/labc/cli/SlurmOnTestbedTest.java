package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.facts.Cpu;
import dev.labc.facts.Memory;
import dev.labc.runtime.facts.FreeParser;
import dev.labc.runtime.facts.LscpuParser;
import dev.labc.testkit.SshResult;
import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: the closet cluster's Slurm (seed 003 path A), GPU-less, on four systemd hosts with
 * Debian's real slurmctld, slurmd and munge from a local apt source. The nodes' cluster addresses
 * are on the testbed's own LAN (10.0.1.x, inside its namespaces only); labc dials each one's
 * {@code ssh_address} on 127.x. What labc writes must be enough for the real daemons: the workers
 * register idle and a job runs on all three; a MUNGE key changed by hand on one node breaks it
 * for real, E0416 stops the next plan, and the repair its hint gives heals the cluster. The workers
 * declare the CPUs and memory lscpu and free show, which `scontrol show node` then reports, and
 * declaring more than that is E0429 from the gathered facts. Then a job runs on cpu-1 while a
 * slurm.conf change restarts slurmd everywhere: labc drains cpu-1, waits for the job and resumes it,
 * and cpu-3's slurmd reads labc's gres.conf (issue 24 point 5, issue 22's gres.conf).
 */
@Testbed(hosts = 4, systemd = true, lan = "10.0.1.0/24", debianPackages = {"slurmd", "slurmctld", "slurm-client", "munge"})
class SlurmOnTestbedTest {
  /** The closet example's nodes and slurm block, without GPUs, NFS, Tailscale or SkyPilot. */
  static final String LAB = """
      import "std/slurm" as slurm

      param lan: cidr = 10.0.1.0/24
      /// The management network labc reaches the nodes on (the testbed's loopback addresses).
      param mgmt: cidr = 127.0.10.0/24
      param munge_key: secret string = env("MUNGE_KEY")
      /// The worker that has GPUs (0: none), as a lab adds a GPU node's cards to Slurm.
      param gpu_worker: int = 0

      node head {
        address     = cidrhost(lan, 1)
        ssh_address = cidrhost(mgmt, 1)
        roles       = [controller]
      }

      for i in 1..3 {
        node "cpu-${i}" {
          address     = cidrhost(lan, 1 + i)
          ssh_address = cidrhost(mgmt, 1 + i)
          roles       = [worker]
          // What lscpu and free -m print on the workers (the test reads them off cpu-1 first).
          cpu {
            sockets          = %d
            cores_per_socket = %d
            threads_per_core = %d
          }
          memory = %dMiB
          if i == gpu_worker {
            gpu {
              model = H100_PCIE
              count = 2
            }
          }
        }
      }

      slurm {
        controller = head
        workers    = nodes(role: worker)
        munge_key  = munge_key
        // The testbed's machine mounts cgroup v1 controllers beside cgroup2 (hybrid mode): its
        // hosts get none, so Slurm tracks processes without cgroups there.
        proctrack     = "linuxproc"
        cgroup_plugin = "cgroup/v1"
      }
      """;

  @TempDir Path dir;

  CliRun labc(TestbedHosts hosts, String mungeKey, String... args) {
    var all = new ArrayList<>(List.of(args));
    String prefix = hosts.host(1).address().substring(0, hosts.host(1).address().lastIndexOf('.'));
    all.addAll(List.of("--var", "mgmt=" + prefix + ".0/24", "--known-hosts", hosts.knownHosts().toString(),
        "-i", hosts.clientKey().toString(), dir.resolve("cluster.lab").toString()));
    return CliRun.runWithEnv(Map.of("MUNGE_KEY", mungeKey), all.toArray(String[]::new));
  }

  /** Runs {@code command} on host i until it prints what {@code done} accepts, for up to a minute. */
  static SshResult await(TestbedHosts hosts, int i, String command, java.util.function.Predicate<String> done) throws InterruptedException {
    return await(hosts, i, command, done, 60);
  }

  /** As above, for up to {@code tries} runs a second apart. */
  static SshResult await(TestbedHosts hosts, int i, String command, java.util.function.Predicate<String> done, int tries) throws InterruptedException {
    SshResult r = hosts.ssh(i, command);
    for (int t = 1; t < tries && !done.test(r.stdout()); t++) {
      Thread.sleep(1000);
      r = hosts.ssh(i, command);
    }
    return r;
  }

  @Test
  void theRealDaemonsFormAClusterFromLabcsFiles(TestbedHosts hosts) throws Exception {
    // As a lab writes its nodes' hardware: read off the node with lscpu and free (testbed hosts see the machine's).
    Cpu cpu = new LscpuParser().parse(hosts.ssh(2, "lscpu -J").stdout());
    Memory memory = new FreeParser().parse(hosts.ssh(2, "free -b").stdout());
    long mib = memory.totalBytes() >> 20;
    Files.writeString(dir.resolve("cluster.lab"), LAB.formatted(cpu.sockets(), cpu.coresPerSocket(), cpu.threadsPerCore(), mib));
    byte[] key = new byte[96];
    new SecureRandom().nextBytes(key);
    String mungeKey = Base64.getEncoder().encodeToString(key);

    CliRun apply = labc(hosts, mungeKey, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());

    // Every worker registers with the controller and is idle.
    var sinfo = await(hosts, 1, "sinfo -h -N -o '%N %t'", out -> out.equals("cpu-1 idle\ncpu-2 idle\ncpu-3 idle\n"));
    assertEquals("cpu-1 idle\ncpu-2 idle\ncpu-3 idle\n", sinfo.stdout(),
        sinfo + "\nslurmd on cpu-1: " + hosts.ssh(2, "systemctl status slurmd --no-pager; journalctl -u slurmd --no-pager | tail -20").stdout());

    // A job on three nodes: munge authenticates across the LAN and the controller reaches each slurmd.
    var srun = hosts.ssh(1, "timeout 60 srun -N3 hostname | sort");
    assertEquals("cpu-1\ncpu-2\ncpu-3\n", srun.stdout(), srun::toString);

    // slurmctld counts what slurm.conf says the node has, now the node's real CPUs and memory (not 1 CPU and 1 MB).
    String node = hosts.ssh(1, "scontrol show node cpu-1").stdout();
    assertTrue(node.contains("CPUTot=" + cpu.cpus() + " ") && node.contains("RealMemory=" + mib + " "), node + "\nlscpu: " + cpu + "\nfree: " + memory);

    // Declared more than the nodes have: E0429 from the gathered facts stops the plan before slurmd is drained.
    Files.writeString(dir.resolve("cluster.lab"), LAB.formatted(cpu.sockets() * 2, cpu.coresPerSocket(), cpu.threadsPerCore(), mib * 2));
    CliRun over = labc(hosts, mungeKey, "plan");
    assertEquals(1, over.exitCode(), over.out() + over.err());
    assertTrue(over.err().contains("error[E0429]: cpu-1 declares " + cpu.sockets() * 2 + " sockets x ")
        && over.err().contains("lscpu there shows " + cpu.sockets() + " sockets x " + cpu.coresPerSocket() + " cores x " + cpu.threadsPerCore() + " threads = " + cpu.cpus() + " CPUs")
        && over.err().contains("error[E0429]: cpu-3 declares memory " + mib * 2 + "MiB"), over.err());
    Files.writeString(dir.resolve("cluster.lab"), LAB.formatted(cpu.sockets(), cpu.coresPerSocket(), cpu.threadsPerCore(), mib));

    // cpu-3's MUNGE key drifts (munge reinstalled by hand): the real daemons no longer trust it.
    assertTrue(hosts.ssh(4, "head -c 64 /dev/urandom | base64 -w0 > /etc/munge/munge.key && systemctl restart munge").ok());
    var broken = hosts.ssh(1, "timeout 20 srun -N1 -w cpu-3 hostname");
    assertTrue(broken.exitCode() != 0, "a job on the node with the other key fails: " + broken);
    // The drift check cannot compare a secret file; E0416 compares the keys' digests and stops the plan.
    CliRun plan = labc(hosts, mungeKey, "plan");
    assertEquals(1, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.err().contains("error[E0416]: the MUNGE key on cpu-3 differs from the one on cpu-1")
        && plan.err().contains("labc state rm FILE 'node.cpu-3.file[\"/etc/munge/munge.key\"]'"), plan.err());
    // As the hint says: forget the recorded key, apply; labc writes its key and restarts munge there.
    CliRun rm = CliRun.run("state", "rm", dir.resolve("cluster.lab").toString(), "node.cpu-3.file[\"/etc/munge/munge.key\"]");
    assertEquals(0, rm.exitCode(), rm.out() + rm.err());
    CliRun repair = labc(hosts, mungeKey, "apply", "--auto-approve");
    assertEquals(0, repair.exitCode(), repair.out() + repair.err());
    // slurmctld set the node down while it could not authenticate it; an admin resumes it.
    hosts.ssh(1, "scontrol update nodename=cpu-3 state=resume");
    var healed = await(hosts, 1, "timeout 10 srun -N3 hostname | sort", out -> out.equals("cpu-1\ncpu-2\ncpu-3\n"), 20);
    assertEquals("cpu-1\ncpu-2\ncpu-3\n", healed.stdout(), healed + "\n" + hosts.ssh(1, "sinfo -N; journalctl -u slurmctld --no-pager | tail").stdout());

    aJobIsWaitedForWhileCpu3GetsItsGpus(hosts, mungeKey);
  }

  /**
   * Issue 24 point 5 and issue 22's gres.conf: a batch job runs on cpu-1 while the lab gives cpu-3
   * two GPUs, a slurm.conf change that restarts slurmd on every worker. labc drains cpu-1 and
   * waits for the job, which completes, restarts slurmd there only after it, and resumes the node;
   * the real slurmd on cpu-3 reads labc's gres.conf (fake /dev/nvidia0-1 device nodes, no driver)
   * and slurmctld counts its GPUs.
   */
  private void aJobIsWaitedForWhileCpu3GetsItsGpus(TestbedHosts hosts, String mungeKey) throws Exception {
    // Device nodes as the driver makes them (major 195): slurmd checks each File= exists. The host's /dev is its own tmpfs.
    assertTrue(hosts.ssh(4, "mknod -m 666 /dev/nvidia0 c 195 0 && mknod -m 666 /dev/nvidia1 c 195 1").ok());
    // cpu-1 as a worker installed before labc put slurm-client on workers: slurmd runs, scontrol is missing. labc
    // cannot drain it, so it does not restart slurmd there under whatever runs, and says how to install scontrol.
    assertTrue(hosts.ssh(2, "dpkg -r slurm-client >/dev/null").ok());
    String slurmdPid = hosts.ssh(2, "systemctl show slurmd -p MainPID --value").stdout();
    CliRun undrainable = labc(hosts, mungeKey, "apply", "--auto-approve", "--var", "gpu_worker=3");
    assertEquals(1, undrainable.exitCode(), undrainable.out() + undrainable.err());
    assertTrue(undrainable.out().contains("slurmd runs on cpu-1 but scontrol (package slurm-client) is not installed there, so it cannot be drained"
        + " before its disruptive steps; nothing was changed. Install it first: labc apply --target 'node.cpu-1.package[\"slurm-client\"]'"),
        undrainable.out());
    assertEquals(slurmdPid, hosts.ssh(2, "systemctl show slurmd -p MainPID --value").stdout());
    CliRun client = labc(hosts, mungeKey, "apply", "--auto-approve", "--target", "node.cpu-1.package[\"slurm-client\"]", "--var", "gpu_worker=3");
    assertEquals(0, client.exitCode(), client.out() + client.err());

    var sbatch = hosts.ssh(1, "sbatch --parsable -w cpu-1 -o /var/tmp/labc-job.out --wrap 'sleep 15; echo finished'");
    assertTrue(sbatch.ok(), sbatch::toString);
    String job = sbatch.stdout().strip();
    var running = await(hosts, 1, "squeue -h -j " + job + " -o '%T %N'", out -> out.equals("RUNNING cpu-1\n"), 20);
    assertEquals("RUNNING cpu-1\n", running.stdout(), running::toString);

    CliRun apply = labc(hosts, mungeKey, "apply", "--auto-approve", "--var", "gpu_worker=3");
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());

    // The job ran to its end: slurmctld says so and its output file has its last line.
    String shown = hosts.ssh(1, "scontrol show job " + job).stdout();
    assertTrue(shown.contains("JobState=COMPLETED ") && shown.contains("ExitCode=0:0"), shown);
    assertEquals("finished\n", hosts.ssh(2, "cat /var/tmp/labc-job.out").stdout());
    // labc drained cpu-1 while the job still ran (slurmctld: DRAINING, not DRAINED), and slurmd restarted after the job.
    String ctldLog = hosts.ssh(1, "journalctl -u slurmctld --no-pager -o cat").stdout();
    assertTrue(ctldLog.contains("update_node: node cpu-1 state set to DRAINING"), ctldLog);
    long jobEnded = Long.parseLong(hosts.ssh(2, "stat -c %Y /var/tmp/labc-job.out").stdout().strip());
    long slurmdStarted = Long.parseLong(hosts.ssh(2, "date -d \"$(systemctl show slurmd -p ExecMainStartTimestamp --value)\" +%s").stdout().strip());
    assertTrue(slurmdStarted >= jobEnded, "slurmd on cpu-1 restarted at " + slurmdStarted + ", before the job ended at " + jobEnded);
    // Every worker is resumed and idle, cpu-3 with the two GPUs its slurmd found from gres.conf.
    var idle = await(hosts, 1, "sinfo -h -N -o '%N %t %G'", out -> out.equals("cpu-1 idle (null)\ncpu-2 idle (null)\ncpu-3 idle gpu:2\n"), 30);
    assertEquals("cpu-1 idle (null)\ncpu-2 idle (null)\ncpu-3 idle gpu:2\n", idle.stdout(),
        idle + "\n" + hosts.ssh(1, "scontrol show node; journalctl -u slurmctld --no-pager | tail -20").stdout());
    var gres = hosts.ssh(4, "slurmd -G 2>&1");
    assertTrue(gres.ok() && gres.stdout().contains("Name=gpu") && gres.stdout().contains("Count=2"), gres::toString);
    // A job asking for both GPUs lands on cpu-3.
    var gpuJob = hosts.ssh(1, "timeout 30 srun --gres=gpu:2 hostname");
    assertEquals("cpu-3\n", gpuJob.stdout(), gpuJob::toString);
  }

}
