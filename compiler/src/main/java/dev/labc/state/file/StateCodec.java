package dev.labc.state.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labc.addr.InvalidAddrException;
import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.addr.ScopeKind;
import dev.labc.state.LargeText;
import dev.labc.state.Lineage;
import dev.labc.state.ResourceState;
import dev.labc.state.ResourceStatus;
import dev.labc.state.State;
import dev.labc.state.Value;
import dev.labc.state.codec.ValueCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.BiFunction;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Encodes a {@link State} as a set of files and decodes it back; see {@code docs/state-format.md}.
 *
 * <p>Layout (paths relative to the state directory): {@code state.json} holds format version,
 * lineage and serial; {@code nodes/NAME.json} and {@code clusters/NAME.json} hold each scope's
 * resources. The serial lives only in {@code state.json}, so applying to one node changes that
 * node's file and the meta file and nothing else, and two branches that touched different nodes
 * merge without conflicts apart from the serial. Since format version 2, a text of
 * {@link LargeText#THRESHOLD} chars or more is written once to {@code contents/HEX.txt} and
 * referenced by digest, so content every node shares (the {@code /etc/hosts} block) is stored once.
 * Attribute values are written by {@link ValueCodec}, the encoding saved plans share.
 *
 * <p>{@code encode(decode(files))} reproduces canonical files byte for byte.
 */
public final class StateCodec {
  public static final String META_FILE = "state.json";

  /** Other files in the state directory (a README, .gitattributes) are not state and are ignored. */
  private static final Pattern SCOPE_FILE = Pattern.compile("(nodes|clusters)/([^/]+)\\.json");

  /** A large text's file, named by the SHA-256 of its raw UTF-8 bytes (format version 2). */
  private static final Pattern CONTENT_FILE = Pattern.compile("contents/([0-9a-f]{64})\\.txt");

  private static final String HINT_RESTORE =
      "the file was damaged or edited by hand; restore it from the state repository's history"
          + " (git log -p -- FILE shows its past versions) or correct it";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .nodeFactory(NODES)
      .build();

  private StateCodec() {}

  /** The file that holds {@code scope}'s resources, e.g. {@code nodes/gpu-07.json}. */
  public static String scopeFile(Scope scope) {
    return (scope.kind() == ScopeKind.NODE ? "nodes/" : "clusters/") + scope.name() + ".json";
  }

  /** The file that holds the large text stored under {@code digest} ({@code sha256:HEX}): {@code contents/HEX.txt}. */
  public static String contentFile(String digest) {
    return "contents/" + LargeText.hex(digest) + ".txt";
  }

  /**
   * Whether {@code path} is part of the state layout (and so written by {@link #encode}, which
   * leaves out what the state no longer has: a removed node's file, an unreferenced content file).
   */
  public static boolean isStateFile(String path) {
    return path.equals(META_FILE) || SCOPE_FILE.matcher(path).matches() || isContentFile(path);
  }

  /** Whether {@code path} is a content file; its bytes are a function of its name. */
  public static boolean isContentFile(String path) {
    return CONTENT_FILE.matcher(path).matches();
  }

  /** The files for {@code state} in the current format, sorted by path; each ends with a newline. */
  public static SortedMap<String, byte[]> encode(State state) {
    return encode(state, (scope, resources) -> null);
  }

  /**
   * As {@link #encode(State)}, taking a scope's file from {@code reuse} where it returns one (the
   * bytes of an unchanged scope from the last write), so a write that touched one node does not
   * re-encode the other thousand.
   */
  public static SortedMap<String, byte[]> encode(State state,
      BiFunction<Scope, SortedMap<ResourceAddr, ResourceState>, byte[]> reuse) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    ObjectNode meta = NODES.objectNode();
    meta.put("format_version", State.CURRENT_FORMAT_VERSION);
    meta.put("lineage", state.lineage().value());
    meta.put("serial", state.serial());
    files.put(META_FILE, bytes(meta));

    Map<String, Scope> seen = new HashMap<>();
    // Each large text once, by digest; unreferenced content files are simply not written.
    Map<String, String> contents = new TreeMap<>();
    state.byScope().forEach((scope, resources) -> {
      // Two names that differ only in case would share one file on macOS and Windows checkouts.
      Scope clash = seen.put(scopeFile(scope).toLowerCase(Locale.ROOT), scope);
      if (clash != null) {
        throw new IllegalArgumentException(
            clash + " and " + scope + " differ only in letter case; their state files would collide");
      }
      byte[] same = reuse.apply(scope, resources);
      if (same != null) {
        files.put(scopeFile(scope), same);
        // Its large texts are the same instances as last time, so their digests are remembered.
        resources.values().forEach(rs -> rs.attributes().values().forEach(v -> ValueCodec.collectLargeTexts(v, contents)));
        return;
      }
      ObjectNode file = NODES.objectNode();
      file.put("format_version", State.CURRENT_FORMAT_VERSION);
      file.put("lineage", state.lineage().value());
      file.put("scope", scope.toString());
      ObjectNode byAddr = file.putObject("resources");
      resources.forEach((addr, rs) -> byAddr.set(addr.toString(), encodeResource(rs, contents)));
      files.put(scopeFile(scope), bytes(file));
    });
    contents.forEach((digest, text) -> files.put(contentFile(digest), LargeText.bytes(text)));
    return files;
  }

  /**
   * Reads a state from its files (path relative to the state directory → content). Files outside
   * the layout are ignored.
   *
   * @throws StateFileException naming the first bad file (in path order) and what to do
   */
  public static State decode(Map<String, byte[]> files) {
    List<String> scopePaths = files.keySet().stream().filter(p -> SCOPE_FILE.matcher(p).matches()).sorted().toList();
    byte[] metaBytes = files.get(META_FILE);
    if (metaBytes == null) {
      throw scopePaths.isEmpty()
          ? new StateFileException(META_FILE, "missing: this directory holds no labc state",
              "point labc at the directory that holds the state, or start from an empty state")
          : new StateFileException(META_FILE, "missing, but " + scopePaths.size()
              + " node and cluster files exist (" + scopePaths.getFirst() + ", ...)",
              "restore state.json from the state repository's history (git log -- state.json)");
    }
    FileObject meta = FileObject.root(META_FILE, parse(META_FILE, metaBytes));
    meta.allowOnly("format_version", "lineage", "serial");
    int version = formatVersion(meta);
    Lineage lineage = lineage(meta);
    long serial = meta.requireLong("serial");
    if (serial < 0) {
      throw meta.error("\"serial\" must not be negative, found " + serial);
    }
    // One reader per format version; an older version is read by its reader and upgraded here.
    // Version 2 adds content references to version 1; version 1 files must not hold any. Version
    // 3 records a step's watched files as a list (HostStep.upgradeFromFormat2 reads the older form).
    SortedMap<ResourceAddr, ResourceState> resources = switch (version) {
      case 1 -> upgradeSteps(readScopes(files, scopePaths, lineage, 1, new Reading(files, false)));
      case 2 -> upgradeSteps(readScopes(files, scopePaths, lineage, 2, new Reading(files, true)));
      case 3 -> readScopes(files, scopePaths, lineage, 3, new Reading(files, true));
      default -> throw new IllegalStateException("formatVersion() admits only known versions");
    };
    return new State(version, lineage, serial, resources);
  }

  private static SortedMap<ResourceAddr, ResourceState> upgradeSteps(SortedMap<ResourceAddr, ResourceState> resources) {
    resources.replaceAll((addr, rs) -> new ResourceState(addr, rs.type(), rs.schemaVersion(),
        dev.labc.plan.HostStep.upgradeFromFormat2(rs.type(), rs.attributes()), rs.dependsOn(), rs.status()));
    return resources;
  }

  private static SortedMap<ResourceAddr, ResourceState> readScopes(
      Map<String, byte[]> files, List<String> scopePaths, Lineage lineage, int metaVersion, Reading reading) {
    SortedMap<ResourceAddr, ResourceState> resources = new TreeMap<>();
    for (String path : scopePaths) {
      Matcher m = SCOPE_FILE.matcher(path);
      m.matches();
      ScopeKind kind = m.group(1).equals("nodes") ? ScopeKind.NODE : ScopeKind.CLUSTER;
      Scope scope;
      try {
        scope = new Scope(kind, m.group(2));
      } catch (IllegalArgumentException e) {
        throw new StateFileException(path, "not a valid " + kind.keyword() + " file name: " + e.getMessage(),
            "rename or remove the file; labc writes only files named after valid names");
      }
      FileObject file = FileObject.root(path, parse(path, files.get(path)));
      file.allowOnly("format_version", "lineage", "resources", "scope");
      int version = file.requireInt("format_version");
      if (version != metaVersion) {
        throw file.error("\"format_version\" is " + version + " but state.json says " + metaVersion,
            "files written by different labc versions were mixed; restore this file from the"
                + " state repository's history");
      }
      Lineage fileLineage = lineage(file);
      if (!fileLineage.equals(lineage)) {
        throw file.error("belongs to another state: lineage " + fileLineage + ", but state.json has " + lineage,
            "this file was copied from another lab's state; remove it, or restore it from the"
                + " state repository's history");
      }
      String scopeText = file.requireText("scope");
      if (!scopeText.equals(scope.toString())) {
        throw file.error("says it holds \"" + scopeText + "\" but its name says " + scope,
            "rename the file to match its scope, or restore it from the state repository's history");
      }
      FileObject byAddr = file.requireObject("resources");
      for (String key : byAddr.fieldNames()) {
        ResourceAddr addr;
        try {
          addr = reading.addr(key);
        } catch (InvalidAddrException e) {
          throw byAddr.error(e.getMessage());
        }
        if (!addr.scope().equals(scope)) {
          throw byAddr.error("resource " + addr + " is not in " + scope,
              "move the entry to " + scopeFile(addr.scope()) + " or restore this file from the state"
                  + " repository's history");
        }
        resources.put(addr, decodeResource(addr, byAddr.requireObject(key), reading));
      }
    }
    return resources;
  }

  private static int formatVersion(FileObject meta) {
    int version = meta.requireInt("format_version");
    if (version > State.CURRENT_FORMAT_VERSION) {
      throw meta.error("written by a newer labc: format_version " + version + ", this labc reads up to "
          + State.CURRENT_FORMAT_VERSION, "upgrade labc to a version that reads this state");
    }
    if (version < 1) {
      throw meta.error("unknown format_version " + version + " (versions start at 1)");
    }
    return version;
  }

  private static Lineage lineage(FileObject obj) {
    String text = obj.requireText("lineage");
    try {
      return new Lineage(text);
    } catch (IllegalArgumentException e) {
      throw obj.error(e.getMessage());
    }
  }

  private static ObjectNode encodeResource(ResourceState rs, Map<String, String> contents) {
    ObjectNode node = NODES.objectNode();
    node.put("type", rs.type());
    node.put("schema_version", rs.schemaVersion());
    node.put("status", rs.status().name().toLowerCase(Locale.ROOT));
    ObjectNode attrs = node.putObject("attributes");
    rs.attributes().forEach((name, value) -> {
      ValueCodec.collectLargeTexts(value, contents);
      attrs.set(name, ValueCodec.toJson(value));
    });
    ArrayNode deps = node.putArray("depends_on");
    rs.dependsOn().forEach(d -> deps.add(d.toString()));
    return node;
  }

  private static ResourceState decodeResource(ResourceAddr addr, FileObject obj, Reading reading) {
    obj.allowOnly("attributes", "depends_on", "schema_version", "status", "type");
    String statusText = obj.requireText("status");
    ResourceStatus status = switch (statusText) {
      case "ready" -> ResourceStatus.READY;
      case "tainted" -> ResourceStatus.TAINTED;
      default -> throw obj.error("\"status\" must be \"ready\" or \"tainted\", found \"" + statusText + "\"");
    };
    SortedMap<String, Value> attributes = new TreeMap<>();
    FileObject attrs = obj.requireObject("attributes");
    for (String name : attrs.fieldNames()) {
      try {
        attributes.put(name, ValueCodec.fromJson(attrs.node().get(name), reading.forAttribute(attrs, name)));
      } catch (ValueCodec.MalformedValue e) {
        throw attrs.error("attribute \"" + name + "\": " + e.getMessage());
      }
    }
    List<ResourceAddr> deps = new ArrayList<>();
    for (JsonNode d : obj.requireArray("depends_on")) {
      if (!d.isTextual()) {
        throw obj.error("\"depends_on\" must list addresses as strings");
      }
      try {
        deps.add(reading.addr(d.textValue()));
      } catch (InvalidAddrException e) {
        throw obj.error("in \"depends_on\": " + e.getMessage());
      }
    }
    try {
      return new ResourceState(addr, reading.text(obj.requireText("type")).value(), obj.requireInt("schema_version"), attributes, deps, status);
    } catch (IllegalArgumentException e) {
      throw obj.error(e.getMessage());
    }
  }

  private static JsonNode parse(String file, byte[] content) {
    try {
      JsonNode node = MAPPER.readTree(content);
      if (node == null || node.isMissingNode()) {
        throw new StateFileException(file, "empty file", HINT_RESTORE.replace("FILE", file));
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new StateFileException(file, "not valid JSON" + where + ": " + e.getOriginalMessage().replaceAll(" \\(start marker at .*\\)$", ""),
          HINT_RESTORE.replace("FILE", file));
    } catch (IOException e) {
      throw new StateFileException(file, "unreadable: " + e.getMessage(), HINT_RESTORE.replace("FILE", file));
    }
  }

  private static byte[] bytes(JsonNode node) {
    return CanonicalJson.print(node).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * What one read shares: each content file is read and its digest checked once, on first
   * reference, and every reference gets its one value (10,000 nodes, one /etc/hosts block in
   * memory); equal short texts and addresses are one instance too, as the graph's are, which
   * keeps a 10,000-node state read from files near the size of one planned in memory.
   */
  private static final class Reading {
    private final Map<String, byte[]> files;
    private final boolean contentRefs;
    private final Map<String, Value.Text> contents = new HashMap<>();
    private final Map<String, Value.Text> texts = new HashMap<>();
    private final Map<String, ResourceAddr> addrs = new HashMap<>();

    Reading(Map<String, byte[]> files, boolean contentRefs) {
      this.files = files;
      this.contentRefs = contentRefs;
    }

    /** The texts of one attribute's value: a missing content file is reported on that attribute. */
    ValueCodec.Texts forAttribute(FileObject where, String attribute) {
      return new ValueCodec.Texts() {
        @Override public Value.Text text(String s) { return Reading.this.text(s); }

        @Override public Value.Text content(String digest) { return Reading.this.content(where, attribute, digest); }

        // Version 1 has no content references: there {"$content": ...} is an unknown marker.
        @Override public boolean contentRefs() { return contentRefs; }
      };
    }

    Value.Text text(String s) {
      return s.length() >= LargeText.THRESHOLD ? new Value.Text(s) : texts.computeIfAbsent(s, Value.Text::new);
    }

    ResourceAddr addr(String text) {
      ResourceAddr known = addrs.get(text);
      if (known == null) {
        known = ResourceAddr.parse(text);
        addrs.put(text, known);
      }
      return known;
    }

    Value.Text content(FileObject where, String attribute, String digest) {
      Value.Text known = contents.get(digest);
      if (known != null) {
        return known;
      }
      String path = contentFile(digest);
      byte[] bytes = files.get(path);
      if (bytes == null) {
        throw where.error("attribute \"" + attribute + "\" refers to " + path + ", which is missing",
            "restore " + path + " from the state repository's history (git log --all -- " + path
                + " finds the commit that had it), or restore " + where.file() + " from the history too");
      }
      String text = LargeText.verified(digest, bytes).orElseThrow(() -> new StateFileException(path,
          "its content does not match the SHA-256 digest its name says (damaged or edited by hand)",
          "restore it from the state repository's history (git log -p -- " + path + "); labc names"
              + " content files by their digest and never edits one in place"));
      known = new Value.Text(text);
      contents.put(digest, known);
      return known;
    }
  }

  /** A JSON object in a named file, with field access that fails with that file's name. */
  private record FileObject(String file, String path, JsonNode node) {
    static FileObject root(String file, JsonNode node) {
      FileObject obj = new FileObject(file, "", node);
      if (!node.isObject()) {
        throw obj.error("expected a JSON object at the top level");
      }
      return obj;
    }

    List<String> fieldNames() {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      return names;
    }

    void allowOnly(String... known) {
      List<String> allowed = List.of(known);
      for (String name : fieldNames()) {
        if (!allowed.contains(name)) {
          throw error("unknown field \"" + name + "\"" + (allowed.isEmpty() ? "" : "; expected only " + String.join(", ", allowed)));
        }
      }
      for (String name : allowed) {
        require(name);
      }
    }

    private JsonNode require(String name) {
      JsonNode value = node.get(name);
      if (value == null) {
        throw error("missing field \"" + name + "\"");
      }
      return value;
    }

    int requireInt(String name) {
      JsonNode value = require(name);
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        throw error("\"" + name + "\" must be a whole number, found " + value);
      }
      return value.intValue();
    }

    long requireLong(String name) {
      JsonNode value = require(name);
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        throw error("\"" + name + "\" must be a whole number, found " + value);
      }
      return value.longValue();
    }

    String requireText(String name) {
      JsonNode value = require(name);
      if (!value.isTextual()) {
        throw error("\"" + name + "\" must be a string, found " + value);
      }
      return value.textValue();
    }

    FileObject requireObject(String name) {
      JsonNode value = require(name);
      if (!value.isObject()) {
        throw error("\"" + name + "\" must be an object");
      }
      return new FileObject(file, path.isEmpty() ? name : path + "." + name, value);
    }

    JsonNode requireArray(String name) {
      JsonNode value = require(name);
      if (!value.isArray()) {
        throw error("\"" + name + "\" must be an array");
      }
      return value;
    }

    StateFileException error(String problem) {
      return error(problem, HINT_RESTORE.replace("FILE", file));
    }

    StateFileException error(String problem, String hint) {
      return new StateFileException(file, (path.isEmpty() ? "" : "in " + describe(path) + ": ") + problem, hint);
    }

    private static String describe(String path) {
      return path.startsWith("resources.") ? "resource " + path.substring("resources.".length()) : path;
    }
  }

}
