package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.testkit.Testbed;
import dev.labc.testkit.TestbedHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile values from a .lab reach a real host only as the data they are: `labc apply` of files
 * whose names and contents are jqwik-generated shell metacharacters, quotes, newlines, control and
 * non-ASCII characters lands exactly the declared bytes at exactly the declared paths and creates
 * no other file (the host's overlay upper layer is listed from outside before and after); `..` in
 * a path is refused before any host is contacted; a symlink planted at a managed path, or at the
 * temporary name labc writes beside it, is never written through. The strings are sampled with a
 * fixed seed inside JUnit tests, because jqwik properties do not run the {@link Testbed} extension.
 */
@Testbed(hosts = 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputOnTestbedTest {
  static final long SEED = Long.getLong("labc.hostileSeed", 20261211L);
  @TempDir Path dir;

  static Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("'\"`$()\\;&|<>*?~#!{} \t\n\r=%-.^[]").ofMinLength(1).ofMaxLength(30),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)
            .filter(s -> s.codePoints().allMatch(c -> c != 0 && Character.isValidCodePoint(c)) && s.chars().noneMatch(c -> Character.isSurrogate((char) c))),
        Arbitraries.of("$(touch /tmp/pwned)", "`touch /tmp/pwned`", "'; touch /tmp/pwned; '", "\"; touch /tmp/pwned; \"",
            "${IFS}touch${IFS}/tmp/pwned", "-rf", "--", "*", "~root", "a\r\nb", "\u00e9\u4e2d\ud83d\ude00", "\\x00\\n"));
  }

  static List<String> sample(Arbitrary<String> a, int n, long seed) {
    // sampleStream draws from jqwik's thread-local source of randomness; seeding it makes the sample reproducible.
    net.jqwik.engine.SourceOfRandomness.create(Long.toString(seed));
    return a.sampleStream().limit(n).toList();
  }

  /** A .lab string literal for any text: the language's escapes, everything else as is. */
  static String lab(String s) {
    var out = new StringBuilder("\"");
    s.codePoints().forEach(c -> {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '$' -> out.append("\\$");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 || c == 0xfeff) out.append(String.format("\\u%04x", c));
          else out.appendCodePoint(c);
        }
      }
    });
    return out.append('"').toString();
  }

  /** A file name from a hostile string: no '/', not '.' or '..'. */
  static String name(String s, int i) {
    String n = s.replace('/', '_').replace("\0", "");
    return i + "-" + n;
  }

  static String node(TestbedHosts hosts) {
    return "node head {\n  address = " + hosts.host(1).address() + "\n  roles = [controller]\n}\n";
  }

  /** Every path in host 1's overlay upper layer: what the host created or changed since it booted. */
  static Set<String> upper(TestbedHosts hosts) throws Exception {
    Path upper = hosts.dir().resolve("layers/host1/upper");
    assertTrue(Files.isDirectory(upper), "overlay upper layer at " + upper);
    try (Stream<Path> walk = Files.walk(upper)) {
      var out = new TreeSet<String>();
      walk.forEach(p -> out.add("/" + upper.relativize(p)));
      return out;
    }
  }

  /** name -> bytes of every file in the directory on host 1, read back as NUL-separated name and base64. */
  static Map<String, byte[]> filesOnHost(TestbedHosts hosts, String d) {
    var r = hosts.ssh(1, "cd " + d + " && for f in * .[!.]* ..?*; do [ -e \"$f\" ] || [ -L \"$f\" ] || continue; printf '%s\\0' \"$f\"; base64 -w0 < \"$f\"; printf '\\0'; done");
    assertTrue(r.ok(), r.toString());
    var out = new LinkedHashMap<String, byte[]>();
    String[] parts = r.stdout().split("\0", -1);
    for (int i = 0; i + 1 < parts.length; i += 2) out.put(parts[i], Base64.getDecoder().decode(parts[i + 1]));
    return out;
  }

  @Test
  @Order(1)
  void hostileNamesAndContentsArriveExactlyAndNothingElseIsCreated(TestbedHosts hosts) throws Exception {
    List<String> names = sample(hostile(), 12, SEED);
    List<String> contents = sample(hostile(), 12, SEED + 1);
    var declared = new LinkedHashMap<String, String>();
    var sb = new StringBuilder(node(hosts));
    for (int i = 0; i < names.size(); i++) {
      String n = name(names.get(i), i);
      String content = contents.get(i) + (i % 2 == 0 ? "\n" : "");
      declared.put(n, content);
      sb.append("file \"f").append(i).append("\" {\n  path = ").append(lab("/srv/labc-hostile/" + n)).append("\n  content = ").append(lab(content))
          .append("\n  mode = \"0600\"\n}\n");
    }
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, sb.toString());
    assertTrue(hosts.ssh(1, "rm -rf /srv/labc-hostile /tmp/pwned; true").ok());
    // The node's own resources (hostname, /etc/hosts block, swap off in /etc/fstab) first, so the
    // comparison below sees only what the declared files did.
    Files.writeString(lab, node(hosts));
    assertEquals(0, CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString())).exitCode());
    Files.writeString(lab, sb.toString());
    Set<String> before = upper(hosts);

    CliRun apply = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, apply.exitCode(), sb + "\n" + apply.out() + apply.err());

    Map<String, byte[]> onHost = filesOnHost(hosts, "/srv/labc-hostile");
    assertEquals(new TreeSet<>(declared.keySet()), new TreeSet<>(onHost.keySet()), "exactly the declared names, no other file in the directory");
    declared.forEach((n, content) -> assertArrayEquals(content.getBytes(StandardCharsets.UTF_8), onHost.get(n), () -> "bytes of " + n));
    assertFalse(hosts.ssh(1, "test -e /tmp/pwned").ok(), "nothing in a name or content was executed");

    Set<String> created = new TreeSet<>(upper(hosts));
    created.removeAll(before);
    var expected = new TreeSet<String>();
    expected.add("/srv"); // copied up by the overlay when an entry is created in it
    expected.add("/srv/labc-hostile");
    declared.keySet().forEach(n -> expected.add("/srv/labc-hostile/" + n));
    // labc's root-only record of what it replaced: here, for each file, that there was none.
    expected.addAll(java.util.List.of("/var/lib", "/var/lib/labc", dev.labc.runtime.resources.Originals.DIR));
    declared.keySet().forEach(n -> expected.add(dev.labc.runtime.resources.Originals.entry("file", "/srv/labc-hostile/" + n, "") + ".absent"));
    // sshd may create its runtime directory and lastlog on a first login; nothing else may appear.
    created.removeIf(p -> p.startsWith("/run/") || p.equals("/run") || p.startsWith("/var/log/"));
    assertEquals(expected, created, "the apply created exactly the declared files (host overlay, seen from outside)");

    CliRun again = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(0, again.exitCode(), "the refresh finds every hostile file as declared: " + again.out() + again.err());
  }

  @Test
  @Order(2)
  void aParentStepInAPathIsRefusedBeforeAnyHostIsContacted(TestbedHosts hosts) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, node(hosts) + "file escape {\n  path = \"/tmp/labc-hostile/../../etc/labc-escaped\"\n  content = \"x\"\n}\n");
    long connections = ApplyOnTestbedTest.connections(hosts, 1);
    CliRun apply = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.err().contains("E0301") && apply.err().contains("`path` must not contain `..`"), apply.err());
    Thread.sleep(200);
    assertEquals(connections, ApplyOnTestbedTest.connections(hosts, 1), "refused before dialling");
    assertFalse(hosts.ssh(1, "test -e /etc/labc-escaped").ok());
    for (String relative : List.of("etc/labc-rel", "")) {
      Files.writeString(lab, node(hosts) + "file rel {\n  path = " + lab(relative) + "\n  content = \"x\"\n}\n");
      CliRun r = CliRun.run("check", lab.toString());
      assertEquals(1, r.exitCode(), "path " + lab(relative) + ": " + r.out() + r.err());
    }
  }

  @Test
  @Order(3)
  void aSymlinkPlantedAtAManagedPathOrItsTemporaryNameIsNeverWrittenThrough(TestbedHosts hosts) throws Exception {
    Path lab = dir.resolve("cluster.lab");
    Files.writeString(lab, node(hosts)
        + "file link {\n  path = \"/etc/labc-link\"\n  content = \"declared\\n\"\n  mode = \"0600\"\n}\n"
        + "file tmp {\n  path = \"/etc/labc-tmplink\"\n  content = \"declared too\\n\"\n  mode = \"0640\"\n}\n");
    // A victim file another user (or root) owns, and links planted where labc will write.
    assertTrue(hosts.ssh(1, "rm -f /etc/labc-link /etc/labc-tmplink /etc/labc-tmplink.labc-tmp;"
        + " printf 'victim\\n' > /root/victim && chmod 0644 /root/victim"
        + " && ln -s /root/victim /etc/labc-link && ln -s /root/victim /etc/labc-tmplink.labc-tmp").ok());
    CliRun apply = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString()));
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    var r = hosts.ssh(1, "cat /root/victim; stat -c %a /root/victim; stat -c %F:%a /etc/labc-link /etc/labc-tmplink; cat /etc/labc-link /etc/labc-tmplink;"
        + " ls -A /etc | grep -c '[.]labc-tmp$'");
    assertEquals("victim\n644\nregular file:600\nregular file:640\ndeclared\ndeclared too\n0\n", r.stdout(),
        "the victim is untouched, each managed path is a regular file with the declared mode, no temporary file is left: " + r);
    assertEquals(0, CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString())).exitCode());

    // Drift: a symlink put in place of a managed file afterwards is drift, and the apply replaces the link.
    assertTrue(hosts.ssh(1, "ln -sf /root/victim /etc/labc-link").ok());
    CliRun plan = CliRun.run(ApplyOnTestbedTest.ssh(hosts, "plan", "--detailed-exitcode", lab.toString()));
    assertEquals(2, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("node.head.file[\"/etc/labc-link\"] (file) was changed on the host"), plan.out());
    assertEquals(0, CliRun.run(ApplyOnTestbedTest.ssh(hosts, "apply", "--auto-approve", lab.toString())).exitCode());
    assertEquals("victim\nregular file\n", hosts.ssh(1, "cat /root/victim; stat -c %F /etc/labc-link").stdout());
  }
}
