package dev.labc.graph;

import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a declared file's Pebble template for one node, at plan time, so the plan shows (and
 * apply writes) exactly the rendered bytes. The template sees {@code vars} (the declaration's
 * map: what a kind passes), {@code node} (name, address, hostname, roles, gpu, labels) and
 * {@code nodes} (every node, in name order). Undefined variables are errors, not empty strings.
 */
public final class FileTemplates {
  /**
   * What rendering one template for one node gave: its text, or why not, worded for a diagnostic.
   * A value, not an exception: the graph builder turns a failure into its E0418 where it renders.
   */
  public sealed interface Rendering {
    record Text(String text) implements Rendering {}

    record Failed(String message) implements Rendering {}
  }

  /** Most characters one template may render for one node: a config file, not a runaway loop. */
  public static final int MAX_OUTPUT = 8 * 1024 * 1024;

  private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
      .loader(new StringLoader()).autoEscaping(false).strictVariables(true).newLineTrimming(false)
      .maxRenderedSize(MAX_OUTPUT).build();

  private FileTemplates() {}

  /** The template file: relative to the .lab that declares it. */
  public static Path path(Entity file) {
    return file.besideDeclaration(Values.text(file.get("template")));
  }

  /** Renders one template for one node; a pass over many files and nodes should keep one {@link Renderer}. */
  public static Rendering render(Program program, Entity file, Entity node) {
    return new Renderer(program).render(file, node);
  }

  /**
   * Renders templates of one program: the {@code nodes} list and each template's text are made
   * once, not once a node (a template declared on every node of a 10,000-node lab made that
   * quadratic: 10,000 renders each building the 10,000-entry list).
   */
  public static final class Renderer {
    private final Program program;
    private List<Map<String, Object>> nodes;
    private final Map<Path, String> texts = new HashMap<>();

    public Renderer(Program program) {
      this.program = program;
    }

    public Rendering render(Entity file, Entity node) {
      Path template;
      try {
        template = path(file);
      } catch (java.nio.file.InvalidPathException e) {
        return new Rendering.Failed("template " + Values.text(file.get("template")).replace("\0", "\\0") + " is not a possible file name");
      }
      String text = texts.get(template);
      if (text == null) {
        try {
          text = read(file, template);
        } catch (IOException e) {
          return new Rendering.Failed("cannot read template " + template.getFileName() + ": " + e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase());
        }
        texts.put(template, text);
      }
      if (nodes == null) {
        var all = new ArrayList<Map<String, Object>>();
        program.ofKind("node").forEach(n -> all.add(describe(n)));
        nodes = List.copyOf(all);
      }
      var context = new TreeMap<String, Object>();
      var vars = new TreeMap<String, Object>();
      if (file.get("vars") instanceof Value.Obj o) o.fields().forEach((k, v) -> vars.put(k, plain(v)));
      context.put("vars", vars);
      context.put("node", describe(node));
      context.put("nodes", nodes);
      try {
        var out = new StringWriter();
        ENGINE.getTemplate(text).evaluate(out, context);
        return new Rendering.Text(out.toString());
      } catch (PebbleException e) {
        // Pebble names Java classes ("of [java.util.TreeMap]"), which mean nothing to a .lab author.
        String message = e.getPebbleMessage().replaceAll(" of \\[java\\.[^\\]]*\\]", "").replace(" and strict variables is set to true", "");
        if (message.startsWith("Tried to write more than")) {
          message = String.format(java.util.Locale.ROOT, "renders more than %,d characters, the limit for one template's output", MAX_OUTPUT);
        }
        return new Rendering.Failed(template.getFileName() + ": " + message + (e.getLineNumber() != null ? " (line " + e.getLineNumber() + ")" : ""));
      } catch (IOException | RuntimeException e) {
        return new Rendering.Failed(template.getFileName() + ": " + e.getMessage());
      }
    }
  }

  /**
   * A template's text. Beside the .lab naming it, so a module's templates travel with the module;
   * for a module of the stdlib, which is read from labc's jar, from the jar beside it.
   */
  private static String read(Entity file, Path template) throws IOException {
    var declaring = file.span().file();
    String relative = Values.text(file.get("template"));
    if (isStdlib(declaring)) {
      String name = Path.of(declaring.path()).resolveSibling(relative).normalize().toString().replace('\\', '/');
      if (!name.startsWith("std/")) throw new java.nio.file.NoSuchFileException(name); // no reaching out of the stdlib
      try (var in = FileTemplates.class.getClassLoader().getResourceAsStream(STDLIB + name)) {
        if (in == null) throw new java.nio.file.NoSuchFileException(name);
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return Files.readString(template, StandardCharsets.UTF_8);
  }

  private static final String STDLIB = "labc/stdlib/";

  /** Whether a .lab is one of the stdlib's (read from the jar under its name, `std/nginx.lab`), not a lab's file of that name. */
  private static boolean isStdlib(dev.labc.source.SourceFile f) {
    if (!f.path().startsWith("std/")) return false;
    try (var in = FileTemplates.class.getClassLoader().getResourceAsStream(STDLIB + f.path())) {
      return in != null && new String(in.readAllBytes(), StandardCharsets.UTF_8).equals(f.text());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * What a template sees of a node: its name, address, hostname and roles; its GPUs (`gpu`: model,
   * count, memory, mig; null on a node without) and its labels.
   */
  private static Map<String, Object> describe(Entity n) {
    var m = new LinkedHashMap<String, Object>();
    m.put("name", n.name());
    m.put("address", Values.text(n.get("address")));
    m.put("hostname", n.get("hostname") instanceof Value.Str h ? h.value() : n.name());
    var roles = new ArrayList<String>();
    if (n.get("roles") instanceof Value.ListV l) l.items().forEach(r -> roles.add(r instanceof Value.EnumV e ? e.member() : Values.text(r)));
    m.put("roles", roles);
    m.put("gpu", n.get("gpu") instanceof Value.Obj g ? plain(g) : null);
    m.put("labels", n.get("labels") instanceof Value.Obj o ? plain(o) : Map.of());
    return m;
  }

  /** .lab values as the plain Java values a template can print and loop over. */
  private static Object plain(Value v) {
    return switch (v) {
      case Value.ListV l -> l.items().stream().map(FileTemplates::plain).toList();
      case Value.Obj o -> {
        var m = new TreeMap<String, Object>();
        o.fields().forEach((k, x) -> m.put(k, plain(x)));
        yield m;
      }
      case Value.Int i -> i.value();
      case Value.Bool b -> b.value();
      // The rendered file is then a secret itself (Values.madeFrom); unset (in check), it renders empty.
      case Value.Secret s -> s.value() == null ? "" : s.value();
      case Value.EnumV e -> e.member();
      default -> Values.text(v);
    };
  }

}
