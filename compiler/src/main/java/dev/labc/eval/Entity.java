package dev.labc.eval;

import dev.labc.source.Span;
import dev.labc.syntax.Annotation;
import java.util.List;
import java.util.SortedMap;

/**
 * A declared thing after evaluation: a node, a network, a storage tier, a service. Attributes
 * are complete (defaults filled in) and type-checked; spans point at where each was written.
 */
public record Entity(String kind, String name, Span span, SortedMap<String, Value> attributes,
                     SortedMap<String, Span> attributeSpans, List<Annotation> annotations, List<String> owners) {
  public Entity {
    attributes = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(attributes));
    attributeSpans = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(attributeSpans));
    annotations = List.copyOf(annotations);
    owners = List.copyOf(owners);
  }

  /** A block written at the top level of a file. */
  public Entity(String kind, String name, Span span, SortedMap<String, Value> attributes,
                SortedMap<String, Span> attributeSpans, List<Annotation> annotations) {
    this(kind, name, span, attributes, attributeSpans, annotations, List.of());
  }

  /**
   * This block as declared by the body of the kind of {@code owner} (an instance such as
   * `jupyterhub.main`): its steps are that instance's too, and those of the instances around it.
   */
  public Entity ownedBy(Entity owner) {
    var chain = new java.util.ArrayList<String>(owner.owners());
    chain.add(owner.address());
    return new Entity(kind, name, span, attributes, attributeSpans, annotations, chain);
  }

  public String address() { return kind + "." + name; }

  public Value get(String attribute) { return attributes.getOrDefault(attribute, new Value.Null()); }

  /**
   * A file named relative to the .lab that declares this entity (templates, manifests, charts).
   * Throws InvalidPathException for a name no file can have (a NUL).
   */
  public java.nio.file.Path besideDeclaration(String relative) {
    return java.nio.file.Path.of(span.file().path()).toAbsolutePath().getParent().resolve(relative).normalize();
  }

  /**
   * The span of an attribute if written, else the declaration's. A nested one ({@code gpu.model})
   * falls back to its enclosing attribute's span when it was not written out (a default).
   */
  public Span spanOf(String attribute) {
    for (String a = attribute; ; a = a.substring(0, a.lastIndexOf('.'))) {
      Span s = attributeSpans.get(a);
      if (s != null) return s;
      if (a.indexOf('.') < 0) return span;
    }
  }
}
