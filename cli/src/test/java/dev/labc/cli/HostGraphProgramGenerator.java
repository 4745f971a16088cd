package dev.labc.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Programs over std/core's host kinds the way a lab writes them, with no hand ordering: a group
 * and a user sharing a name (the Unix default: a user with its own group), directories owned by
 * them below each other (setgid 2775, sticky 1777), files and lines in those directories,
 * commands that write into them (by `creates` or by `after`), and commands triggered by a file or
 * a line. Blocks come out in a shuffled order: the order they are written in must not matter.
 * Each program also says what a host must hold after one apply. Everything is named and placed
 * under try {@code t}'s own prefix, so tries on the same hosts never see each other's things.
 */
final class HostGraphProgramGenerator {
  /** What a host must hold after the apply: a path's `stat -c '%a %U %G'`, and content if a file. */
  record Expect(String node, String path, String stat, String content) {}

  /** A line that must be in a file exactly once. */
  record ExpectLine(String node, String path, String line) {}

  record Generated(String lab, List<Expect> paths, List<ExpectLine> lines, List<String> markers) {}

  private static final String[] MODES = {"0755", "2775", "1777", "0750", "0700"};
  private static final String[] FILE_MODES = {"0644", "0640", "0600", "0664"};

  private HostGraphProgramGenerator() {}

  /** Try {@code t} over nodes a and b (their addresses given), drawn from {@code seed}. */
  static Generated generate(long seed, int t, String addrA, String addrB) {
    var rnd = new Random(seed);
    var blocks = new ArrayList<String>();
    var paths = new ArrayList<Expect>();
    var lines = new ArrayList<ExpectLine>();
    var markers = new ArrayList<String>();
    String base = "/srv/labc-graph/t" + t;
    String ops = "ops" + t, res = "res" + t, svc = "svc" + t;
    int id = 21000 + t * 10;

    // group ops + user ops: shared name, the user's primary group is the group (by qualified reference).
    blocks.add("group " + ops + " {\n  gid = " + id + "\n}\n");
    blocks.add("user " + ops + " {\n  uid = " + id + "\n  gid = group." + ops + ".gid\n}\n");
    // group res, and user svc in it, with a primary group of its own made by useradd.
    boolean svcInRes = rnd.nextBoolean();
    blocks.add("group " + res + " {\n  gid = " + (id + 1) + "\n}\n");
    blocks.add("user " + svc + " {\n  uid = " + (id + 2) + (svcInRes ? "\n  groups = [group." + res + "]" : "") + "\n}\n");
    String[] owners = {"root", ops, svc};
    String[] groups = {"root", ops, res, svc};

    // A chain of directories below each other; each on both nodes or on one.
    var dirs = new ArrayList<String>();
    var dirNames = new ArrayList<String>();
    var dirNodes = new ArrayList<List<String>>();
    int depth = 1 + rnd.nextInt(3);
    String parent = base;
    for (int i = 0; i < depth; i++) {
      String p = parent + "/d" + i;
      String owner = owners[rnd.nextInt(owners.length)];
      String group = groups[rnd.nextInt(groups.length)];
      String mode = MODES[rnd.nextInt(MODES.length)];
      // A directory is on the nodes its parent is on, or fewer.
      List<String> on = i == 0 ? pickNodes(rnd) : (dirNodes.get(i - 1).size() == 1 ? dirNodes.get(i - 1) : pickNodes(rnd));
      String name = "dir" + i;
      blocks.add("directory " + name + " {\n  path  = \"" + p + "\"\n  owner = \"" + owner + "\"\n  group = \"" + group + "\"\n  mode  = \"" + mode + "\"" + onAttr(on) + "\n}\n");
      for (String n : on) paths.add(new Expect(n, p, octal(mode) + " " + owner + " " + group, null));
      dirs.add(p);
      dirNames.add(name);
      dirNodes.add(on);
      parent = p;
    }
    // Files, each in one of the directories and on that directory's nodes.
    var fileNames = new ArrayList<String>();
    var fileDir = new ArrayList<Integer>();
    int files = 1 + rnd.nextInt(3);
    for (int i = 0; i < files; i++) {
      int d = rnd.nextInt(dirs.size());
      String p = dirs.get(d) + "/f" + i + ".conf";
      String owner = owners[rnd.nextInt(owners.length)];
      String group = groups[rnd.nextInt(groups.length)];
      String mode = FILE_MODES[rnd.nextInt(FILE_MODES.length)];
      String content = "setting-" + i + " = " + rnd.nextInt(1000) + "\n";
      String name = "conf" + i;
      blocks.add("file " + name + " {\n  path    = \"" + p + "\"\n  content = \"" + content.replace("\n", "\\n") + "\"\n  owner   = \"" + owner + "\"\n  group   = \""
          + group + "\"\n  mode    = \"" + mode + "\"" + onAttr(dirNodes.get(d)) + "\n}\n");
      for (String n : dirNodes.get(d)) paths.add(new Expect(n, p, octal(mode) + " " + owner + " " + group, content));
      fileNames.add(name);
      fileDir.add(d);
    }
    // A line in a file labc does not own, in one of the directories.
    int ld = rnd.nextInt(dirs.size());
    String linePath = dirs.get(ld) + "/settings.txt";
    String lineText = "Option" + t + " " + rnd.nextInt(100);
    blocks.add("line setting {\n  path = \"" + linePath + "\"\n  line = \"" + lineText + "\"" + onAttr(dirNodes.get(ld)) + "\n}\n");
    for (String n : dirNodes.get(ld)) lines.add(new ExpectLine(n, linePath, lineText));

    // A command that writes into a directory: ordered by its `creates` path, or by `after`.
    int cd = rnd.nextInt(dirs.size());
    String marker = dirs.get(cd) + "/made-by-command";
    if (rnd.nextBoolean()) {
      blocks.add("command make-marker {\n  run     = \"touch " + marker + "\"\n  creates = \"" + marker + "\"" + onAttr(dirNodes.get(cd)) + "\n}\n");
    } else {
      blocks.add("command make-marker {\n  run    = \"touch " + marker + "\"\n  unless = \"test -e " + marker + "\"\n  after  = [directory." + dirNames.get(cd) + "]"
          + onAttr(dirNodes.get(cd)) + "\n}\n");
    }
    for (String n : dirNodes.get(cd)) markers.add(n + ":" + marker);
    // A command triggered by a file and the line, writing into the line's directory.
    int tf = rnd.nextInt(fileNames.size());
    var triggers = new ArrayList<String>();
    triggers.add("file." + fileNames.get(tf));
    List<String> trigNodes = dirNodes.get(fileDir.get(tf));
    if (dirNodes.get(ld).containsAll(trigNodes)) triggers.add("line.setting");
    String log = dirs.get(ld) + "/triggered.log";
    if (dirNodes.get(ld).containsAll(trigNodes)) {
      blocks.add("command on-settings {\n  run       = \"echo changed >> " + log + "\"\n  on_change = [" + String.join(", ", triggers) + "]\n  after     = [directory."
          + dirNames.get(ld) + "]" + onAttr(trigNodes) + "\n}\n");
      for (String n : trigNodes) markers.add(n + ":" + log);
    }
    Collections.shuffle(blocks, rnd);
    var lab = new StringBuilder("node a {\n  address = " + addrA + "\n}\nnode b {\n  address = " + addrB + "\n}\n");
    blocks.forEach(lab::append);
    return new Generated(lab.toString(), paths, lines, markers);
  }

  private static List<String> pickNodes(Random rnd) {
    return switch (rnd.nextInt(3)) {
      case 0 -> List.of("a");
      case 1 -> List.of("b");
      default -> List.of("a", "b");
    };
  }

  private static String onAttr(List<String> on) {
    return on.size() == 2 ? "" : "\n  on = [" + on.get(0) + "]";
  }

  /** A mode as `stat -c %a` prints it. */
  private static String octal(String mode) {
    return mode.replaceFirst("^0+(?=.)", "");
  }
}
