package dev.labc.plan;

import dev.labc.addr.ResourceAddr;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One step on a host as a typed value: what the planner and the runtime read instead of looking
 * attributes up by name. Decoded from the recorded attributes of a plan or state (secrets only as
 * digests) by {@link #decode}, which refuses an attribute the step does not have, so an attribute
 * an expansion emits and nothing reads fails the first apply instead of riding along unread.
 * The step's body only: what it is ordered after ({@code depends_on}) is kept beside it, as
 * Terraform keeps {@code depends_on} apart from a resource's arguments.
 */
public sealed interface HostStep {

  /** Present or absent: for packages and lines. */
  enum Presence { PRESENT, ABSENT }

  /** Declared files a service or command watches, and the digest of their declared content. */
  record Watch(List<ResourceAddr> on, String digest) {
    public Watch {
      on = List.copyOf(on);
    }
  }

  /** A whole file; {@code content} is text or, for a secret, its digest (the runtime resolves it at apply). */
  record File(String path, Value content, String mode, String owner, Optional<String> group) implements HostStep {
    public File {
      if (!(content instanceof Value.Text) && !(content instanceof SecretDigest)) throw new IllegalArgumentException("file content must be text or a secret");
    }

    public boolean secret() { return content instanceof SecretDigest; }

    /** The declared text; a secret's is known only at apply, through the secret resolver. */
    public String text() {
      if (content instanceof Value.Text t) return t.value();
      throw new IllegalStateException("a secret file's content is resolved at apply");
    }
  }

  record Directory(String path, String mode, Optional<String> owner, Optional<String> group) implements HostStep {}

  /** One line of a file labc does not own; {@code match} (an awk ERE) names the line it replaces. */
  record Line(String path, String line, Optional<String> match, Presence state) implements HostStep {}

  record Package(String name, Presence state, Optional<String> version, boolean hold) implements HostStep {}

  /** {@code restartOn}: the files whose change restarts the service ({@code reload}: reloads it instead). */
  record Service(String name, boolean enabled, boolean running, Optional<Watch> restartOn, boolean reload) implements HostStep {}

  /** A command and what guards it; secret {@code env} values stay digests until apply. */
  record Command(String command, Guard guard, SortedMap<String, Value> env) implements HostStep {
    public Command {
      env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
      for (String name : env.keySet()) if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("bad env name " + name);
    }
  }

  /** When a command runs: once until {@code creates} exists, while {@code unless} fails, or when watched files change. */
  sealed interface Guard {
    record Creates(String path) implements Guard {}

    record Unless(String script) implements Guard {}

    record OnChange(Watch watch) implements Guard {}
  }

  record User(String name, long uid, long gid, String shell, List<String> groups, List<String> sshKeys) implements HostStep {
    public User {
      groups = List.copyOf(groups);
      sshKeys = List.copyOf(sshKeys);
    }
  }

  record Group(String name, long gid) implements HostStep {}

  record Mount(String source, String path, String fstype, String options) implements HostStep {}

  record Sysctl(String key, String value) implements HostStep {}

  record KernelModule(String name, boolean persist) implements HostStep {}

  record Swap(boolean enabled) implements HostStep {}

  record Hostname(String name) implements HostStep {}

  /** Where labc reaches the node; nothing on the host itself (the transport reads it). */
  record Endpoint(String address, long port, String user, Optional<String> via) implements HostStep {}

  /** Lines between {@code # BEGIN marker} and {@code # END marker} in a file labc does not own. */
  record Block(String path, String marker, String content) implements HostStep {}

  record Gpu(long count, Optional<String> powerLimitWatts, Optional<Boolean> persistence, Optional<String> driverRoot) implements HostStep {}

  /** MIG mode on for cards 0 to {@code count - 1}: set now, current only after a GPU reset or reboot. */
  record MigMode(long count, Optional<String> driverRoot) implements HostStep {}

  /** The same MIG layout on each of cards 0 to {@code count - 1}: one GPU instance per profile name, each with its compute instance. */
  record Mig(long count, List<String> profiles, Optional<String> driverRoot) implements HostStep {
    public Mig {
      profiles = List.copyOf(profiles);
      for (String p : profiles) if (!p.matches("[0-9]+g\\.[0-9]+gb(\\+me)?")) throw new IllegalArgumentException("not a MIG profile name: " + p);
    }
  }

  /** The step types a host runs: everything else in a plan is a cluster object. */
  Set<String> TYPES = Set.of("file", "directory", "line", "package", "service", "command", "user", "group", "mount",
      "sysctl", "kernel_module", "swap", "hostname", "endpoint", "block", "gpu", "mig_mode", "mig");

  static boolean isHostType(String type) {
    return TYPES.contains(type);
  }

  /** The files whose change re-applies this step (a service's restart, a command's rerun); none for other steps. */
  static List<ResourceAddr> watched(HostStep step) {
    return switch (step) {
      case Service s -> s.restartOn().map(Watch::on).orElse(List.of());
      case Command c -> c.guard() instanceof Guard.OnChange o ? o.watch().on() : List.of();
      case File f -> List.of();
      case Directory d -> List.of();
      case Line l -> List.of();
      case Package p -> List.of();
      case User u -> List.of();
      case Group g -> List.of();
      case Mount m -> List.of();
      case Sysctl s -> List.of();
      case KernelModule k -> List.of();
      case Swap s -> List.of();
      case Hostname h -> List.of();
      case Endpoint e -> List.of();
      case Block b -> List.of();
      case Gpu g -> List.of();
      case MigMode m -> List.of();
      case Mig m -> List.of();
    };
  }

  /**
   * The typed step of a recorded {@code type} at {@code addr}; an attribute missing, mistyped or
   * not part of the step is an {@link IllegalArgumentException} naming the address.
   */
  static HostStep decode(String type, Object addr, SortedMap<String, Value> attrs) {
    var a = new Reader(addr, attrs);
    HostStep step = switch (type) {
      case "file" -> new File(a.str("path"), a.content("content"), a.str("mode", "0644"), a.str("owner", "root"), a.opt("group"));
      case "directory" -> new Directory(a.str("path"), a.str("mode", "0755"), a.opt("owner"), a.opt("group"));
      case "line" -> new Line(a.str("path"), a.str("line"), a.opt("match").filter(m -> !m.isEmpty()), a.presence());
      case "package" -> new Package(a.str("name"), a.presence(), a.opt("version"), a.bool("hold", false));
      case "service" -> new Service(a.str("name"), a.bool("enabled", true), !a.str("state", "running").equals("stopped"),
          a.watch("reload_on", "reload_digest"), a.opt("reload_action").map(r -> switch (r) {
            case "reload" -> true;
            case "restart" -> false;
            default -> throw a.bad("reload_action", "is restart or reload, not " + r);
          }).orElse(false));
      case "command" -> new Command(a.str("command"), a.guard(), a.dict("env"));
      case "user" -> new User(a.str("name"), a.num("uid"), a.num("gid"), a.str("shell", "/bin/bash"), a.strings("groups"), a.strings("ssh_keys"));
      case "group" -> new Group(a.str("name"), a.num("gid"));
      case "mount" -> new Mount(a.str("source"), a.str("path"), a.str("fstype"), a.str("options", "defaults"));
      case "sysctl" -> new Sysctl(a.str("key"), a.str("value"));
      case "kernel_module" -> new KernelModule(a.str("name"), a.bool("persist", true));
      case "swap" -> new Swap(a.bool("enabled", false));
      case "hostname" -> new Hostname(a.str("name"));
      case "endpoint" -> new Endpoint(a.str("address"), a.has("port") ? a.num("port") : 22, a.str("user", "root"), a.opt("via"));
      case "block" -> new Block(a.str("path"), a.str("marker"), a.str("content"));
      case "gpu" -> new Gpu(a.num("count"), a.opt("power_limit_watts"), a.has("persistence") ? Optional.of(a.bool("persistence", false)) : Optional.empty(),
          a.opt("driver_root"));
      case "mig_mode" -> new MigMode(a.num("count"), a.opt("driver_root"));
      case "mig" -> new Mig(a.num("count"), a.strings("profiles"), a.opt("driver_root"));
      default -> throw new IllegalArgumentException(addr + ": " + type + " is not a step a host runs");
    };
    a.requireAllRead(type);
    return step;
  }

  /**
   * A step's attributes as plans and state before step format 3 recorded them, in today's form:
   * a service's {@code reload_on} and a command's {@code trigger_on} were one comma-joined text
   * (now a list of addresses), and a tailscale package carried a {@code repository} nothing read.
   * Only the shape changes: what the step does on the host is what that labc's runtime did.
   */
  static SortedMap<String, Value> upgradeFromFormat2(String type, SortedMap<String, Value> attrs) {
    String watch = switch (type) {
      case "service" -> "reload_on";
      case "command" -> "trigger_on";
      default -> null;
    };
    var out = new TreeMap<>(attrs);
    if (watch != null && out.get(watch) instanceof Value.Text joined) {
      var items = new ArrayList<Value>();
      for (String w : joined.value().split(",")) if (!w.isEmpty()) items.add(new Value.Text(w));
      out.put(watch, new Value.Array(items));
    }
    // nfs-server recorded reload_on without a digest, which that labc's runtime never read (it only
    // started the service): the watch it did not have is not made up here.
    if (type.equals("service") && !out.containsKey("reload_digest")) out.remove("reload_on");
    if (type.equals("package")) out.remove("repository");
    return out;
  }

  /** Reads attributes by name once, remembering which, so that {@link #requireAllRead} finds the rest. */
  final class Reader {
    private final Object addr;
    private final SortedMap<String, Value> values;
    private final Set<String> read = new HashSet<>();

    private Reader(Object addr, SortedMap<String, Value> values) {
      this.addr = addr;
      this.values = values;
    }

    private Value get(String name) {
      read.add(name);
      Value v = values.get(name);
      return v instanceof Value.Null ? null : v;
    }

    boolean has(String name) { return get(name) != null; }

    String str(String name) {
      return switch (get(name)) {
        case Value.Text t -> t.value();
        case Value.Num n -> n.value().toPlainString();
        case Value.Bool b -> Boolean.toString(b.value());
        case null -> throw new IllegalArgumentException(addr + ": attribute " + name + " is missing");
        default -> throw bad(name, "is a string");
      };
    }

    String str(String name, String fallback) { return has(name) ? str(name) : fallback; }

    Optional<String> opt(String name) { return has(name) ? Optional.of(str(name)) : Optional.empty(); }

    long num(String name) {
      return switch (get(name)) {
        case Value.Num n -> n.value().longValueExact();
        case null -> throw new IllegalArgumentException(addr + ": attribute " + name + " is missing");
        default -> throw bad(name, "is a number");
      };
    }

    boolean bool(String name, boolean fallback) {
      return switch (get(name)) {
        case Value.Bool b -> b.value();
        case null -> fallback;
        default -> throw bad(name, "is true or false");
      };
    }

    List<String> strings(String name) {
      var out = new ArrayList<String>();
      switch (get(name)) {
        case Value.Array arr -> {
          for (Value v : arr.items()) {
            if (v instanceof Value.Text t) out.add(t.value());
            else throw bad(name, "is a list of strings");
          }
        }
        case null -> {}
        default -> throw bad(name, "is a list of strings");
      }
      return out;
    }

    SortedMap<String, Value> dict(String name) {
      return switch (get(name)) {
        case Value.Dict d -> d.fields();
        case null -> new TreeMap<>();
        default -> throw bad(name, "is a map");
      };
    }

    Value content(String name) {
      return switch (get(name)) {
        case Value.Text t -> t;
        case SecretDigest s -> s;
        case null -> throw new IllegalArgumentException(addr + ": attribute " + name + " is missing");
        default -> throw bad(name, "is text or a secret");
      };
    }

    Presence presence() {
      return switch (str("state", "present")) {
        case "present" -> Presence.PRESENT;
        case "absent" -> Presence.ABSENT;
        default -> throw bad("state", "is present or absent");
      };
    }

    /** A watch: the list of watched addresses and their digest, both or neither. */
    Optional<Watch> watch(String onName, String digestName) {
      var on = strings(onName).stream().map(ResourceAddr::parse).toList();
      Optional<String> digest = opt(digestName);
      if (digest.isEmpty()) {
        if (!on.isEmpty()) throw bad(onName, "comes with " + digestName);
        return Optional.empty();
      }
      return Optional.of(new Watch(on, digest.get()));
    }

    Guard guard() {
      var guards = new ArrayList<Guard>();
      opt("creates").ifPresent(c -> guards.add(new Guard.Creates(c)));
      opt("unless").ifPresent(u -> guards.add(new Guard.Unless(u)));
      watch("trigger_on", "trigger_digest").ifPresent(w -> guards.add(new Guard.OnChange(w)));
      if (guards.size() != 1) {
        throw new IllegalArgumentException(addr + ": a command has exactly one of creates, unless and trigger_on (found " + guards.size() + ")");
      }
      return guards.getFirst();
    }

    IllegalArgumentException bad(String name, String what) {
      return new IllegalArgumentException(addr + ": attribute " + name + " " + what.replaceFirst("^is ", "must be ") + ", found " + values.get(name));
    }

    void requireAllRead(String type) {
      var rest = new TreeMap<>(values);
      rest.keySet().removeAll(read);
      if (!rest.isEmpty()) {
        throw new IllegalArgumentException(addr + ": a " + type + " step has no attribute " + String.join(", ", rest.keySet())
            + " (an attribute nothing reads)");
      }
    }
  }
}
