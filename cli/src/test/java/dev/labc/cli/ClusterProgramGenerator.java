package dev.labc.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * Generates well-typed cluster programs: params with defaults, lets, networks, a head node and
 * looped workers (range, guard, nested `if`, GPUs, labels by interpolation), groups and users from
 * loops over maps and lists, NFS storage, a circuit, Docker pools from a `for` inside a block.
 * The generator keeps its own count of what it declared, so tests can check the evaluation
 * against it; with {@code faulty} it adds one mistake a cluster check or the type checker must
 * report (a reused UID, an overlapping network, a value out of range, a duplicate address).
 */
public final class ClusterProgramGenerator {
  /** A program and what the generator knows it declares. */
  public record Cluster(String text, List<String> nodes, List<String> workers, List<String> users, List<String> groups,
                 boolean nfs, String fault) {
    @Override public String toString() { return (fault == null ? "" : "// fault: " + fault + "\n") + text; }
  }

  private static final String[] NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
  private static final String[] MODELS = {"A100_80GB", "H100", "L40S", "RTX_4090"};

  private final Random r;
  private final List<String> decls = new ArrayList<>();
  private final List<String> imports = new ArrayList<>();

  private ClusterProgramGenerator(long seed) { this.r = new Random(seed); }

  public static Cluster generate(long seed, boolean faulty) { return new ClusterProgramGenerator(seed).cluster(faulty); }

  private Cluster cluster(boolean faulty) {
    int octet = 1 + r.nextInt(200);
    String subnet = "10." + octet + ".0.0/16";
    int workers = 1 + r.nextInt(6);
    int base = 10 + r.nextInt(40);
    int skip = 2 + r.nextInt(3);
    boolean filter = r.nextBoolean();
    int gpuEvery = 1 + r.nextInt(3);
    String prefix = pick("gpu", "w", "rig", "node");
    String domain = "lab" + r.nextInt(100) + ".example";
    int firstUid = 1000 + 100 * r.nextInt(50);

    decls.add("/// Worker count.\nparam n_workers: int(1..8) = " + workers);
    decls.add("param subnet: cidr = " + subnet);
    decls.add("let base = " + base);
    decls.add("let domain = \"" + domain + "\"");
    decls.add("let gpu_every = " + gpuEvery);
    decls.add("network lan {\n  cidr = subnet\n  mtu  = " + pick("1500", "9000") + "\n}");
    boolean vpn = r.nextBoolean();
    if (vpn) decls.add("network vpn {\n  cidr = 100.64.0.0/10\n  kind = \"vpn\"\n}");

    var nodes = new ArrayList<String>();
    nodes.add("head");
    decls.add("""
        node head {
          address  = cidrhost(subnet, 5)
          roles    = [controller, nfs_server]
          labels   = { domain = domain, site = "${domain}-head" }
        }""");

    boolean circuit = r.nextBoolean();
    if (circuit) decls.add("circuit closet {\n  rating = 100kW\n}");
    var workerNames = new ArrayList<String>();
    for (int i = 1; i <= workers; i++) if (!filter || i % skip != 0) workerNames.add(prefix + "-" + i);
    nodes.addAll(workerNames);
    String model = pick(MODELS);
    decls.add("for i in 1..n_workers" + (filter ? " if i % " + skip + " != 0" : "") + " {\n"
        + "  node \"" + prefix + "-${i}\" {\n"
        + "    address = cidrhost(subnet, base + i)\n"
        + "    roles   = [worker]\n"
        + (circuit ? "    circuit = closet\n" : "")
        + "    labels  = { rank = \"${i}\", host = \"" + prefix + "-${i}.${domain}\" }\n"
        + "    if i % gpu_every == 0 {\n"
        + "      gpu {\n"
        + "        model = " + model + "\n"
        + "        count = " + (1 + r.nextInt(8)) + "\n"
        + (r.nextBoolean() ? "        power_limit = 300W\n" : "")
        + "      }\n"
        + "    }\n"
        + "  }\n"
        + "}");

    // Extra nodes from a list, placed far above the workers' addresses.
    int extras = r.nextInt(3);
    if (extras > 0) {
      var names = new ArrayList<String>();
      for (int i = 0; i < extras; i++) names.add("\"login" + i + "\"");
      decls.add("let login_names = [" + String.join(", ", names) + "]");
      decls.add("for k, name in login_names {\n  node \"${name}\" {\n    address = cidrhost(subnet, 200 + k)\n    roles   = [login]\n  }\n}");
      for (int i = 0; i < extras; i++) nodes.add("login" + i);
    }

    // Groups from a map, users from a param list and a few written out.
    var groups = new LinkedHashMap<String, Integer>();
    int ng = 1 + r.nextInt(3);
    for (int i = 0; i < ng; i++) groups.put(pick("research", "ops", "students", "admins") + i, 2000 + 10 * i + r.nextInt(10));
    var gEntries = new ArrayList<String>();
    groups.forEach((g, gid) -> gEntries.add(g + " = " + gid));
    decls.add("for name, gid in { " + String.join(", ", gEntries) + " } {\n  group \"${name}\" {\n    gid = gid\n  }\n}");
    String firstGroup = groups.keySet().iterator().next();

    var users = new ArrayList<String>();
    int na = 1 + r.nextInt(4);
    var admins = new ArrayList<String>();
    for (int i = 0; i < na; i++) {
      admins.add("\"" + NAMES[i] + "\"");
      users.add(NAMES[i]);
    }
    decls.add("param admins: list(string) = [" + String.join(", ", admins) + "]");
    decls.add("param first_uid: int(1000..60000) = " + firstUid);
    decls.add("for i, name in admins {\n  user \"${name}\" {\n    uid    = first_uid + i\n    groups = [" + firstGroup + "]\n  }\n}");
    int written = r.nextInt(3);
    for (int i = 0; i < written; i++) {
      String name = NAMES[na + i];
      users.add(name);
      decls.add("user " + name + " {\n  uid = first_uid + " + (50 + i) + "\n}");
    }

    boolean nfs = r.nextBoolean();
    if (nfs) {
      decls.add("""
          storage home {
            tier    = hot
            kind    = "nfs"
            server  = head
            export  = "/srv/home"
            mount   = "/home"
            clients = nodes(role: worker)
            allow   = [lan.cidr]
          }""");
    }

    if (r.nextBoolean()) {
      imports.add("import \"std/docker\"");
      int pools = r.nextInt(3);
      var bases = new ArrayList<String>();
      for (int i = 0; i < pools; i++) bases.add("172." + (240 + i) + ".0.0/16");
      decls.add("docker {\n  on = nodes(role: worker)\n  for i, b in [" + String.join(", ", bases) + "] {\n"
          + "    address_pools {\n      base = b\n      size = 24 + i\n    }\n  }\n}");
    }

    String fault = null;
    if (faulty) {
      switch (r.nextInt(4)) {
        case 0 -> {
          fault = "a UID used twice";
          decls.add("user mallory {\n  uid = first_uid\n}");
        }
        case 1 -> {
          fault = "a network inside the LAN";
          decls.add("network inner {\n  cidr = 10." + octet + ".3.0/24\n}");
        }
        case 2 -> {
          fault = "a group id out of range";
          decls.add("group tiny {\n  gid = 5\n}");
        }
        default -> {
          fault = "two nodes on one address";
          decls.add("node twin {\n  address = cidrhost(subnet, 5)\n}");
        }
      }
    }

    var text = new StringBuilder();
    for (String im : imports) text.append(im).append('\n');
    if (!imports.isEmpty()) text.append('\n');
    for (String d : decls) text.append(d).append("\n\n");
    return new Cluster(text.toString(), List.copyOf(nodes), List.copyOf(workerNames), List.copyOf(users),
        List.copyOf(groups.keySet()), nfs, fault);
  }

  private String pick(String... options) { return options[r.nextInt(options.length)]; }
}
