package dev.labc.cli;

import dev.labc.compile.Checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.graph.GraphRenderer;
import dev.labc.graph.ResourceGraph;
import dev.labc.source.SourceFile;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The order of a node's steps comes from the model (issue 19): qualified references, `after`,
 * and the implicit edges (owner, group, path below a directory, home below a mount), whatever
 * order the blocks are written in. The testbed side is {@link HostGraphOnTestbedTest}.
 */
class StepOrderTest {
  static Checked check(String lab) {
    return Pipeline.check(new SourceFile("t.lab", lab), new Evaluator.Options(Map.of(), List.of(), name -> null));
  }

  static ResourceGraph graph(String lab) {
    var c = check(lab);
    assertEquals(List.of(), c.diagnostics(), lab);
    return c.graph();
  }

  /**
   * Over generated programs: they check clean, and in the plan's order every file and directory
   * comes after the declared user and group that own it and after the declared directory above
   * it, on every node; every command after the blocks in its `after`. Derived from the program's
   * blocks, not from the edges labc recorded.
   */
  @Property(tries = 60)
  void generatedProgramsOrderOwnersAndParentsFirst(@ForAll long seed) {
    var g = HostGraphProgramGenerator.generate(seed, 1, "10.0.1.1", "10.0.1.2");
    var c = check(g.lab());
    assertEquals(List.of(), c.diagnostics(), g.lab());
    List<ResourceAddr> order = c.graph().topologicalOrder().orElseThrow();
    var program = c.evaluation().program();
    var dirs = program.ofKind("directory");
    for (String node : List.of("a", "b")) {
      var s = dev.labc.addr.Scope.node(node);
      for (Entity e : concat(program.ofKind("file"), dirs)) {
        ResourceAddr step = s.resource(e.kind(), Values.text(e.get("path")));
        if (!order.contains(step)) continue;
        for (String who : List.of("owner", "group")) {
          if (!(e.get(who) instanceof Value.Str name)) continue;
          for (String kind : List.of("user", "group")) {
            ResourceAddr owner = s.resource(kind, name.value());
            if (order.contains(owner) && (kind.equals("user") ? who.equals("owner") || program.entity("group", name.value()) == null : who.equals("group"))) {
              assertTrue(order.indexOf(owner) < order.indexOf(step), owner + " before " + step + "\n" + g.lab());
            }
          }
        }
        for (Entity d : dirs) {
          String p = Values.text(d.get("path"));
          ResourceAddr parent = s.resource("directory", p);
          if (Values.text(e.get("path")).startsWith(p + "/") && order.contains(parent)) {
            assertTrue(order.indexOf(parent) < order.indexOf(step), parent + " before " + step + "\n" + g.lab());
          }
        }
      }
      for (Entity cmd : program.ofKind("command")) {
        ResourceAddr step = s.resource("command", cmd.name());
        if (!order.contains(step)) continue;
        for (Value.Ref r : Values.refs(cmd.get("after"))) {
          ResourceAddr before = s.resource(r.kind(), Values.text(program.entity(r.kind(), r.name()).get("path")));
          assertTrue(order.indexOf(before) < order.indexOf(step), before + " before " + step + "\n" + g.lab());
        }
      }
    }
  }

  /**
   * Random `after` relations among sibling directories: when they loop, check reports E0442 (and
   * nothing runs); when they do not, the check is clean and the plan's order follows every entry.
   */
  @Property(tries = 100)
  void afterLoopsAreCycleErrorsAndOtherwiseTheOrderFollowsThem(@ForAll("afterRelations") List<List<Integer>> after) {
    int n = after.size();
    var lab = new StringBuilder("node head { address = 10.0.1.10 }\n");
    for (int i = 0; i < n; i++) {
      lab.append("directory d").append(i).append(" {\n  path = \"/srv/p/d").append(i).append("\"\n  after = [")
          .append(String.join(", ", after.get(i).stream().map(j -> "directory.d" + j).toList())).append("]\n}\n");
    }
    var c = check(lab.toString());
    boolean loops = false;
    for (int i = 0; i < n && !loops; i++) loops = reaches(after, i, i, new java.util.HashSet<>());
    if (loops) {
      assertTrue(c.diagnostics().stream().anyMatch(d -> d.code() == Code.GRAPH_CYCLE && d.isError()), lab + "\n" + c.diagnostics());
      assertTrue(!c.ok(), "a plan stops at the failed check");
      return;
    }
    assertEquals(List.of(), c.diagnostics(), lab.toString());
    List<ResourceAddr> order = c.graph().topologicalOrder().orElseThrow();
    for (int i = 0; i < n; i++) {
      for (int j : after.get(i)) {
        assertTrue(order.indexOf(ResourceAddr.parse("node.head.directory[\"/srv/p/d" + j + "\"]")) < order.indexOf(ResourceAddr.parse("node.head.directory[\"/srv/p/d" + i + "\"]")),
            "d" + j + " before d" + i + "\n" + lab);
      }
    }
  }

  /** Whether {@code to} is reachable from {@code from} through one or more `after` entries. */
  private static boolean reaches(List<List<Integer>> after, int from, int to, java.util.Set<Integer> seen) {
    for (int j : after.get(from)) {
      if (j == to) return true;
      if (seen.add(j) && reaches(after, j, to, seen)) return true;
    }
    return false;
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<List<Integer>>> afterRelations() {
    return net.jqwik.api.Arbitraries.integers().between(2, 6).flatMap(n -> {
      // Entries of directory i: other directories, no duplicates (a block in its own `after` is E0440, tested elsewhere).
      var lists = new java.util.ArrayList<net.jqwik.api.Arbitrary<List<Integer>>>();
      for (int i = 0; i < n; i++) {
        int self = i;
        lists.add(net.jqwik.api.Arbitraries.integers().between(0, n - 1).filter(j -> j != self).set().ofMaxSize(2).map(x -> List.copyOf(new java.util.TreeSet<>(x))));
      }
      return net.jqwik.api.Combinators.combine(lists).as(l -> l);
    });
  }

  private static List<Entity> concat(List<Entity> a, List<Entity> b) {
    var out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Test
  void aUserAndAGroupShareANameAndAreNamedByKind() {
    var c = check("""
        node head { address = 10.0.1.10 }
        group labops { gid = 3000 }
        user labops {
          uid    = 3001
          gid    = group.labops.gid
          groups = [group.labops]
        }
        """);
    assertEquals(List.of(), c.diagnostics());
    Entity user = c.evaluation().program().entity("user", "labops");
    assertEquals(new Value.Int(3000), user.get("gid"));
    assertEquals(new Value.ListV(List.of(new Value.Ref("group", "labops"))), user.get("groups"));
    // The user's primary group is the declared group: made first.
    String text = GraphRenderer.text(c.graph());
    assertTrue(text.contains("node.head.user[\"labops\"] (user)\n  after node.head.group[\"labops\"]\n"), text);
  }

  @Test
  void graphTextSaysWhyEachImplicitAndExplicitEdgeIsThere() {
    var g = graph("""
        node head { address = 10.0.1.10 }
        user alice { uid = 2001 }
        group research { gid = 2100 }
        storage home {
          tier = hot
          kind = "nfs"
          server_address = 10.0.1.99
          export = "/export/home"
          mount = "/home"
          clients = [head]
        }
        command fetch {
          run    = "curl -o /srv/research/w https://example.org/w"
          unless = "test -e /srv/research/w"
          after  = [file.readme]
        }
        file readme {
          path    = "/srv/research/README"
          content = "shared\\n"
          owner   = "alice"
          group   = "research"
        }
        directory research {
          path  = "/srv/research"
          owner = "alice"
          group = "research"
          mode  = "2775"
        }
        """);
    String text = GraphRenderer.text(g);
    for (String edge : List.of(
        "node.head.directory[\"/srv/research\"] (directory)\n  after node.head.group[\"research\"] (group)\n  after node.head.user[\"alice\"] (owner)\n",
        "  after node.head.directory[\"/srv/research\"] (below /srv/research)\n",
        "node.head.command[\"fetch\"] (command) (needs network)\n  after node.head.file[\"/srv/research/README\"] (after file.readme)\n",
        "node.head.user[\"alice\"] (user)\n  after node.head.mount[\"/home\"] (home below /home)\n")) {
      assertTrue(text.contains(edge), edge + " in\n" + text);
    }
    var dir = g.resources().get(ResourceAddr.parse("node.head.directory[\"/srv/research\"]"));
    assertEquals(new Value.Str("alice"), dir.attributes().get("owner"));
    assertEquals(new Value.Str("research"), dir.attributes().get("group"));
    assertEquals(new Value.Str("2775"), dir.attributes().get("mode"));
  }

  @Test
  void aLineTriggersACommandAndAServiceAndItsTextIsInTheDigest() {
    String lab = """
        node head { address = 10.0.1.10 }
        line keepalive {
          path = "/etc/ssh/sshd_config"
          line = "ClientAliveInterval %s"
        }
        service ssh {
          reload     = true
          restart_on = [line.keepalive]
        }
        command note {
          run       = "logger sshd changed"
          on_change = [line.keepalive]
        }
        """;
    var g = graph(lab.formatted("60"));
    var cmd = g.resources().get(ResourceAddr.parse("node.head.command[\"note\"]"));
    assertEquals(new Value.ListV(List.of(new Value.Str("node.head.line[\"keepalive\"]"))), cmd.attributes().get("trigger_on"));
    var svc = g.resources().get(ResourceAddr.parse("node.head.service[\"ssh\"]"));
    assertEquals(new Value.ListV(List.of(new Value.Str("node.head.line[\"keepalive\"]"))), svc.attributes().get("reload_on"));
    var other = graph(lab.formatted("30"));
    assertNotEquals(cmd.attributes().get("trigger_digest"), other.resources().get(cmd.addr()).attributes().get("trigger_digest"),
        "a changed line changes the command, so the plan runs it again");
  }

  @Test
  void aStdlibBlockAsATriggerWatchesTheFilesItWritesOnThatNode() {
    var g = graph("""
        import "std/docker"
        node head { address = 10.0.1.10 }
        docker engine {
          on = [head]
        }
        command note {
          run       = "logger docker settings changed"
          on_change = [docker.engine]
        }
        """);
    var cmd = g.resources().get(ResourceAddr.parse("node.head.command[\"note\"]"));
    assertTrue(String.valueOf(cmd.attributes().get("trigger_on")).contains("node.head.file[\"/etc/docker/daemon.json\"]"), cmd.toString());
  }

  @Test
  void aTriggerThatIsNotAFileOrALineIsALocatedError() {
    var c = check("""
        node head { address = 10.0.1.10 }
        package nginx {}
        command note {
          run       = "logger x"
          on_change = [package.nginx]
        }
        """);
    Diagnostic d = c.diagnostics().get(0);
    assertEquals(Code.COMMAND_GUARD, d.code());
    assertTrue(d.message().contains("package nginx, which has no content to watch"), d.message());
    assertTrue(d.span().text().startsWith("on_change"), "on the `on_change` attribute: " + d.span().text());
  }

  @Test
  void aStdlibBlockRunsAfterWhatItsAfterNamesOnTheNodesItShares() {
    var g = graph("""
        import "std/docker"
        node head { address = 10.0.1.10 }
        node gpu-1 { address = 10.0.1.11 }
        file registry-ca {
          path    = "/etc/docker/certs.d/registry.lab/ca.crt"
          content = "ca\\n"
          on      = [gpu-1]
        }
        docker engine {
          on    = [head, gpu-1]
          after = [file.registry-ca]
        }
        """);
    String ca = "node.gpu-1.file[\"/etc/docker/certs.d/registry.lab/ca.crt\"]";
    var onGpu = g.resources().values().stream().filter(r -> r.addr().scope().name().equals("gpu-1") && r.addr().type().equals("service")).toList();
    assertTrue(!onGpu.isEmpty() && onGpu.stream().allMatch(r -> r.dependsOn().contains(ResourceAddr.parse(ca))), onGpu.toString());
    assertTrue(g.resources().values().stream().filter(r -> r.addr().scope().name().equals("head")).noneMatch(r -> r.dependsOn().contains(ResourceAddr.parse(ca))),
        "head has no such file: nothing to wait for there");
  }

  @Test
  void twoSlurmBlocksOnOneNodeAreAConflictNotAMerge() {
    var c = check("""
        import "std/slurm"
        param key: secret string = env("MUNGE_KEY")
        node head { address = 10.0.1.10 }
        node gpu-1 { address = 10.0.1.11 }
        slurm one {
          controller = head
          workers    = [gpu-1]
          munge_key  = key
        }
        slurm two {
          controller   = head
          workers      = [gpu-1]
          cluster_name = "other"
          munge_key    = key
        }
        """);
    // The kind is a .lab body: the conflict names each instance's file block (file.slurm.two.slurm_conf).
    assertTrue(c.diagnostics().stream().anyMatch(d -> d.code() == Code.GRAPH_CONFLICT && d.message().contains("file.slurm.two.slurm_conf and file.slurm.one.slurm_conf")
        && d.message().contains("/etc/slurm/slurm.conf") && d.related().size() == 1), c.diagnostics().toString());
  }
}
