package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.eval.Evaluator;
import dev.labc.graph.Resource;
import dev.labc.graph.ResourceGraph;
import dev.labc.graph.ResourceGraphBuilder;
import dev.labc.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A command runs after the packages on its node, except a package whose `after` names it: what an
 * apt repository before its package, or nouveau's initramfs before the NVIDIA driver, needs (it
 * was a cycle, E0442, which kept std/nvidia's nvidia_driver from being a .lab body).
 */
class CommandBeforePackageTest {
  static ResourceGraph graph(String lab) {
    var checked = Pipeline.check(new SourceFile("t.lab", lab), new Evaluator.Options(Map.of(), List.of(), n -> null));
    assertTrue(checked.ok(), () -> checked.diagnostics().toString());
    return ResourceGraphBuilder.build(checked.evaluation().program());
  }

  static Resource get(ResourceGraph g, String addr) {
    Resource r = g.resources().get(ResourceAddr.parse(addr));
    assertTrue(r != null, () -> addr + " not in " + g.resources().keySet());
    return r;
  }

  @Test
  void aPackageAfterACommandIsNotAlsoBeforeIt() {
    var g = graph("""
        node gpu-1 {
          address = 10.0.1.11
        }
        package curl {}
        command add-repo {
          run     = "curl -fsSL https://example.org/key | gpg --dearmor -o /usr/share/keyrings/x.gpg"
          creates = "/usr/share/keyrings/x.gpg"
        }
        package x-tool {
          after = [command.add-repo]
        }
        """);
    var cmd = get(g, "node.gpu-1.command[\"add-repo\"]");
    assertTrue(get(g, "node.gpu-1.package[\"x-tool\"]").dependsOn().contains(cmd.addr()));
    assertFalse(cmd.dependsOn().contains(ResourceAddr.parse("node.gpu-1.package[\"x-tool\"]")), cmd.dependsOn().toString());
    // Every other package still comes first: the command needs curl.
    assertEquals(List.of(ResourceAddr.parse("node.gpu-1.package[\"curl\"]")), List.copyOf(cmd.dependsOn()));
  }

  @Test
  void aKindBodyRebuildsTheInitramfsBeforeItsDriverPackage() {
    var g = graph("""
        @kind
        schema gpu_driver {
          on: list(node)

          file blacklist {
            path    = "/etc/modprobe.d/blacklist-nouveau.conf"
            content = "blacklist nouveau\\noptions nouveau modeset=0\\n"
            on      = on
          }
          command update-initramfs-nouveau {
            run     = "update-initramfs -u && touch /var/lib/labc-nouveau-blacklisted"
            creates = "/var/lib/labc-nouveau-blacklisted"
            after   = [file.blacklist]
            on      = on
          }
          package nvidia-driver-550-server {
            hold  = true
            after = [command.update-initramfs-nouveau]
            on    = on
          }
          service nvidia-persistenced {
            on = on
          }
        }
        node gpu-1 {
          address = 10.0.1.11
        }
        gpu_driver drv {
          on = [gpu-1]
        }
        """);
    var cmd = get(g, "node.gpu-1.command[\"gpu_driver.drv.update-initramfs-nouveau\"]");
    var driver = get(g, "node.gpu-1.package[\"nvidia-driver-550-server\"]");
    assertTrue(driver.dependsOn().contains(cmd.addr()), driver.dependsOn().toString());
    assertFalse(cmd.dependsOn().contains(driver.addr()), cmd.dependsOn().toString());
    // A service still follows every package, the driver included.
    assertTrue(get(g, "node.gpu-1.service[\"nvidia-persistenced\"]").dependsOn().contains(driver.addr()));
  }

  /** A lab's CUDA package after the std/nvidia block: after the block's commands, which do not wait for it. */
  @Test
  void aLabsPackageAfterTheDriverBlockFollowsItsCommands() {
    var g = graph("""
        import "std/nvidia"
        node gpu-1 {
          address = 10.0.1.11
        }
        nvidia_driver gpu {
          on                = [gpu-1]
          version           = "550.90.07"
          container_toolkit = true
        }
        package cuda-toolkit-12-4 {
          on    = [gpu-1]
          after = [nvidia_driver.gpu]
        }
        """);
    var cuda = get(g, "node.gpu-1.package[\"cuda-toolkit-12-4\"]");
    for (String c : List.of("update-initramfs-nouveau", "apt-key-nvidia-container-toolkit", "apt-update-nvidia-container-toolkit")) {
      var cmd = get(g, "node.gpu-1.command[\"" + c + "\"]");
      assertTrue(cuda.dependsOn().contains(cmd.addr()), c + ": " + cuda.dependsOn());
      assertFalse(cmd.dependsOn().contains(cuda.addr()), c + ": " + cmd.dependsOn());
    }
    assertTrue(cuda.dependsOn().contains(ResourceAddr.parse("node.gpu-1.package[\"nvidia-driver-550-server\"]")));
  }

  /** Two blocks of one package name on two nodes: each node's command sees only its own node's block. */
  @Test
  void anotherNodesBlockOfTheSamePackageDoesNotOrderThisNodesCommand() {
    var g = graph("""
        import "std/nvidia"
        node gpu-1 {
          address = 10.0.1.11
        }
        node gpu-2 {
          address = 10.0.1.12
        }
        nvidia_driver sxm {
          on             = [gpu-1]
          version        = "550"
          fabric_manager = true
        }
        nvidia_driver pcie {
          on      = [gpu-2]
          version = "550"
        }
        """);
    for (String n : List.of("gpu-1", "gpu-2")) {
      var cmd = get(g, "node." + n + ".command[\"update-initramfs-nouveau\"]");
      var driver = get(g, "node." + n + ".package[\"nvidia-driver-550-server\"]");
      assertTrue(driver.dependsOn().contains(cmd.addr()), driver.dependsOn().toString());
      assertFalse(cmd.dependsOn().contains(driver.addr()), cmd.dependsOn().toString());
    }
  }
}
