package dev.labc.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.labc.diag.Code;
import dev.labc.source.Span;

/**
 * {@code to_json} and {@code to_yaml}: a value as a config file's text. Maps keep their sorted
 * keys, so the text is the same on every run; quantities, addresses, enum members and references
 * are their written text. Every value visited is a step and the text is held to the string
 * limit, so a list of lists that share items (small to write, huge to print) stops with E0305.
 */
final class Encodings {
  private Encodings() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  // Jackson's default layout: what the Tailscale admin console and people reviewing a plan read easily.
  private static final ObjectMapper PRETTY_JSON = new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
  // `style: "lines"`: `"key": value` and every list item on a line of its own, the layout of Docker's
  // daemon.json documentation (std/docker writes it so, byte for byte as its Java expansion did).
  private static final com.fasterxml.jackson.databind.ObjectWriter LINES_JSON = new ObjectMapper().writer(
      new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
          .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
              .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER))
          .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n")));
  // Strings always double-quoted: `no`, `on` or `1.0` unquoted would read back as other types in YAML 1.1 tools.
  private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES));

  /** How {@code to_json} lays its text out. */
  enum JsonLayout { COMPACT, PRETTY, LINES }

  static Value toJson(Evaluator ev, Value v, JsonLayout layout, Span at) {
    return encode(ev, v, at, switch (layout) {
      case COMPACT -> JSON.writer();
      case PRETTY -> PRETTY_JSON.writer();
      case LINES -> LINES_JSON;
    }, "to_json");
  }

  static Value toYaml(Evaluator ev, Value v, Span at) {
    return encode(ev, v, at, YAML.writer(), "to_yaml");
  }

  private static Value encode(Evaluator ev, Value v, Span at, com.fasterxml.jackson.databind.ObjectWriter mapper, String fn) {
    var taint = new Taint();
    long[] size = {0};
    JsonNode tree = node(ev, v, at, taint, size, fn);
    try {
      String text = mapper.writeValueAsString(tree);
      if (text.length() > Evaluator.MAX_STRING) throw tooLong(ev, at);
      return taint.result(text);
    } catch (JsonProcessingException e) {
      throw ev.fail(Code.BAD_ARGUMENT, at, fn + "() cannot write this value: " + e.getOriginalMessage(), null);
    }
  }

  private static EvalError tooLong(Evaluator ev, Span at) {
    return ev.fail(Code.EVALUATION_LIMIT, at, "string grows past " + Evaluator.MAX_STRING + " characters", "a config file this large is a loop gone wrong; check the value's size");
  }

  private static JsonNode node(Evaluator ev, Value v, Span at, Taint taint, long[] size, String fn) {
    ev.steps(1, at);
    var f = JsonNodeFactory.instance;
    JsonNode out = switch (v) {
      case Value.Str s -> f.textNode(s.value());
      case Value.Int i -> f.numberNode(i.value());
      case Value.Flt x -> {
        if (Double.isNaN(x.value()) || Double.isInfinite(x.value())) throw ev.fail(Code.BAD_ARGUMENT, at, fn + "() cannot write " + x.value() + ": JSON has no such number", null);
        yield f.numberNode(x.value());
      }
      case Value.Bool b -> f.booleanNode(b.value());
      case Value.Null n -> f.nullNode();
      case Value.Secret s -> f.textNode(taint.read(s));
      case Value.ListV l -> {
        ArrayNode a = f.arrayNode();
        for (Value x : l.items()) a.add(node(ev, x, at, taint, size, fn));
        yield a;
      }
      case Value.Obj o -> {
        ObjectNode m = f.objectNode();
        for (var e : o.fields().entrySet()) {
          // The YAML writer puts such a key in single quotes, where YAML folds these line breaks to a space.
          if (fn.equals("to_yaml") && e.getKey().chars().anyMatch(c -> c == 0x85 || c == 0x2028 || c == 0x2029)) {
            throw ev.fail(Code.BAD_ARGUMENT, at, "to_yaml() cannot write the map key " + Values.show(new Value.Str(e.getKey()))
                + " faithfully: YAML reads its line break (U+0085, U+2028 or U+2029) back as a space", "use to_json(), or a key without that character");
          }
          size[0] += e.getKey().length();
          m.set(e.getKey(), node(ev, e.getValue(), at, taint, size, fn));
        }
        yield m;
      }
      case Value.Unknown u -> throw ev.fail(Code.BAD_ARGUMENT, at, fn + "() cannot write a value known only after apply (" + u.producer() + ")", null);
      default -> f.textNode(Values.text(v)); // quantities, addresses, enum members, references: their text
    };
    if (out.isTextual()) size[0] += out.textValue().length();
    size[0] += 2;
    if (size[0] > Evaluator.MAX_STRING) throw tooLong(ev, at);
    return out;
  }
}
