package dev.labc.diag.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.source.Position;
import dev.labc.source.Span;
import java.util.List;

/** Diagnostics as JSON for tools and editors: the same values the human renderer shows. */
public final class JsonDiagnosticWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String write(List<Diagnostic> diagnostics) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format_version", "1");
    root.put("valid", diagnostics.stream().noneMatch(Diagnostic::isError));
    root.put("error_count", diagnostics.stream().filter(Diagnostic::isError).count());
    root.put("warning_count", diagnostics.stream().filter(d -> !d.isError()).count());
    ArrayNode arr = root.putArray("diagnostics");
    for (Diagnostic d : diagnostics) {
      ObjectNode o = arr.addObject();
      o.put("severity", d.severity().label());
      o.put("code", d.code().id());
      o.put("name", d.code().slug());
      o.put("message", d.message());
      if (d.hint() != null) o.put("hint", d.hint());
      if (d.span() != null) o.set("range", range(d.span()));
      if (!d.related().isEmpty()) {
        ArrayNode rel = o.putArray("related");
        for (Related r : d.related()) {
          ObjectNode ro = rel.addObject();
          ro.put("message", r.message());
          if (r.span() != null) ro.set("range", range(r.span()));
        }
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode range(Span span) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("filename", span.file().path());
    r.set("start", pos(span.begin(), span.start()));
    r.set("end", pos(span.finish(), span.end()));
    return r;
  }

  private static ObjectNode pos(Position p, int offset) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("line", p.line());
    o.put("column", p.column());
    o.put("offset", offset);
    return o;
  }
}
