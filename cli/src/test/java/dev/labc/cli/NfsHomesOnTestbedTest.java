package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 point 4, as far as this machine's kernel allows (it has no NFS: no `nfs`/`nfsd` in
 * /proc/filesystems, docs/stdlib.md): the closet example's shared /home on two systemd hosts with
 * Debian's real nfs-kernel-server. With the kernel's steps left for later (`--skip-needs kernel`),
 * the server makes each user's home in the export owned by the user's UID and GID, the real
 * `exportfs` reads labc's export list (it reports a bad keyword in a file beside it, so it reads
 * that directory), and the client creates no user whose home would be hidden by the mount it
 * could not make.
 */
@Testbed(hosts = 2, systemd = true, debianPackages = {"nfs-kernel-server"})
class NfsHomesOnTestbedTest {
  static final String LAB = """
      param server_addr: ip = 127.0.10.1
      param client_addr: ip = 127.0.10.2

      node head {
        address = server_addr
      }

      node client {
        address = client_addr
      }

      user alice {
        uid    = 1001
        groups = [research]
      }

      user bob {
        uid = 1002
      }

      group research {
        gid = 2000
      }

      storage home {
        tier    = hot
        kind    = "nfs"
        server  = head
        export  = "/srv/home"
        mount   = "/home"
        clients = [client]
        options = ["rw", "sync", "no_subtree_check"]
      }
      """;

  @TempDir Path dir;

  @Test
  void theServerMakesTheHomesWithTheUsersIdsAndExportfsReadsLabcsExports(TestbedHosts hosts) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, LAB);
    CliRun apply = CliRun.run("apply", "--auto-approve", "--skip-needs", "kernel",
        "--var", "server_addr=" + hosts.host(1).address(), "--var", "client_addr=" + hosts.host(2).address(),
        "--known-hosts", hosts.knownHosts().toString(), "-i", hosts.clientKey().toString(), lab.toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());

    // On the server, each home in the export belongs to its user's UID and primary group, not root.
    assertEquals("alice:alice 1001:1001 750\n", hosts.ssh(1, "stat -c '%U:%G %u:%g %a' /srv/home/alice").stdout());
    assertEquals("bob:bob 1002:1002 750\n", hosts.ssh(1, "stat -c '%U:%G %u:%g %a' /srv/home/bob").stdout());

    // The real exportfs parses labc's list: the export with labc's options, as it would hand it to the kernel.
    var exportfs = hosts.ssh(1, "exportfs -ra 2>&1; cat /var/lib/nfs/etab");
    assertTrue(exportfs.stdout().contains("/srv/home\t" + hosts.host(2).address() + "(rw,sync,") && exportfs.stdout().contains("no_subtree_check"),
        exportfs::toString);
    assertFalse(exportfs.stdout().contains("labc-home.exports:"), "exportfs found nothing to complain about in labc's file: " + exportfs);
    // ... and would say so if it could not: the same directory with a bad option is reported by file and line.
    var bad = hosts.ssh(1, "echo '/srv/home 192.0.2.1(bogus)' > /etc/exports.d/zz-bad.exports; exportfs -ra 2>&1; rm /etc/exports.d/zz-bad.exports");
    assertTrue(bad.stdout().contains("zz-bad.exports:1") && bad.stdout().contains("bogus"), bad::toString);

    // The client's users wait for the /home mount, left for a machine whose kernel has NFS: none made a home under it.
    assertFalse(hosts.ssh(2, "getent passwd alice").ok(), "alice was created on the client before /home was mounted");
    assertFalse(hosts.ssh(2, "test -e /home/alice").ok());
  }
}
