package dev.labc.plan;

import dev.labc.addr.NaturalOrder;
import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.addr.ScopeKind;
import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One change as people review it: the same change on several nodes, apart from each node's own name
 * and address, shown once for all of them. In a group of more than one member the key and every
 * {@link Slot.Templated} value hold {@value #NODE} and {@value #ADDRESS} where each node has its
 * name and address; what differs otherwise is kept per node ({@link Slot.PerNode}). Presentation
 * only: {@link #expand} gives back exactly the changes grouped, and the plan (JSON, apply) keeps
 * every change on its own.
 *
 * @param key the address key (a template when there are several members), or null as in {@link ResourceAddr}
 * @param dependsOn per member, in member order: plans for people do not show it, so it does not split groups
 * @param found per member, in member order: what the refresh read on a drifted member's host ({@link Change#found}),
 *     shown per node, so it does not split groups either
 * @param declaredChanged whether what state recorded differs from what is declared (drift wording)
 */
public record ChangeGroup(List<Member> members, String type, String key, Action action,
                          SortedMap<String, Attr> attributes, SortedSet<String> unknown, List<List<ResourceAddr>> dependsOn,
                          boolean drifted, boolean declaredChanged, List<Ref> triggeredBy, SortedSet<Need> needs,
                          List<SortedMap<String, Value>> found) {
  public static final String NODE = "{node}";
  public static final String ADDRESS = "{address}";

  /** A node (or the one cluster) the change is on, with the address its endpoint declares, if any. */
  public record Member(Scope scope, Optional<String> address) {}

  /** Recorded and declared value of one attribute across the members. */
  public record Attr(Slot before, Slot after) {}

  /** An address a change refers to: on the member's own node when {@code scope} is empty. */
  public record Ref(Optional<Scope> scope, String type, String key) {
    ResourceAddr on(Scope own) { return new ResourceAddr(scope.orElse(own), type, key); }
  }

  /** An attribute's value on every member of a group. */
  public sealed interface Slot {
    /** The same on every member; empty where no member has the attribute. */
    record Same(Optional<Value> value) implements Slot {}
    /** The same on every member once {@value #NODE} and {@value #ADDRESS} stand for its name and address. */
    record Templated(Value template) implements Slot {}
    /** Differs between members: one entry per member, in member order; empty where a member lacks it. */
    record PerNode(List<Optional<Value>> values) implements Slot {
      public PerNode { values = List.copyOf(values); }
    }
  }

  public ChangeGroup {
    members = List.copyOf(members);
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    unknown = Collections.unmodifiableSortedSet(new TreeSet<>(unknown));
    dependsOn = dependsOn.stream().map(List::copyOf).toList();
    triggeredBy = List.copyOf(triggeredBy);
    needs = Collections.unmodifiableSortedSet(new TreeSet<>(needs));
    found = found.stream().<SortedMap<String, Value>>map(f -> Collections.unmodifiableSortedMap(new TreeMap<>(f))).toList();
  }

  /** The scopes of the members, in natural order. */
  public List<Scope> scopes() { return members.stream().map(Member::scope).toList(); }

  /** The changes this group stands for, one per member, in member order. */
  public List<Change> expand() {
    var out = new ArrayList<Change>();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      var before = new TreeMap<String, Value>();
      var after = new TreeMap<String, Value>();
      for (var e : attributes.entrySet()) {
        value(e.getValue().before(), i, m).ifPresent(v -> before.put(e.getKey(), v));
        value(e.getValue().after(), i, m).ifPresent(v -> after.put(e.getKey(), v));
      }
      String k = key == null || members.size() == 1 ? key : fill(key, m);
      out.add(new Change(new ResourceAddr(m.scope(), type, k), type, action, before, after, unknown,
          dependsOn.get(i), drifted,
          triggeredBy.stream().map(r -> r.on(m.scope())).toList(), found.get(i)));
    }
    return out;
  }

  private static Optional<Value> value(Slot slot, int i, Member m) {
    return switch (slot) {
      case Slot.Same s -> s.value();
      case Slot.Templated t -> Optional.of(fill(t.template(), m));
      case Slot.PerNode p -> p.values().get(i);
    };
  }

  /**
   * Groups changes for reading: on nodes, those with the same type, action, key and references up
   * to each node's name and address; a cluster's changes (and any change that does not template
   * back exactly) stand alone. Members and groups in natural order.
   */
  public static List<ChangeGroup> of(List<Change> changes) {
    var addresses = new HashMap<Scope, String>();
    for (Change c : changes) {
      if (c.addr().scope().kind() == ScopeKind.NODE && c.type().equals("endpoint") && c.addr().key() == null) {
        Value a = c.after().getOrDefault("address", c.before().get("address"));
        if (a instanceof Value.Text t && !t.value().isEmpty()) addresses.put(c.addr().scope(), t.value());
      }
    }
    var sorted = new ArrayList<>(changes);
    sorted.sort((x, y) -> NaturalOrder.ADDRESSES.compare(x.addr(), y.addr()));
    var buckets = new LinkedHashMap<Bucket, List<Change>>();
    for (Change c : sorted) {
      Scope s = c.addr().scope();
      Member m = new Member(s, Optional.ofNullable(addresses.get(s)));
      String k = c.addr().key() == null ? null : template(c.addr().key(), m);
      boolean exact = s.kind() == ScopeKind.NODE && (k == null || fill(k, m).equals(c.addr().key()));
      Bucket bucket = exact
          ? new Bucket.Shape(c.type(), k, c.action(), c.unknown(), c.drifted(),
              !c.before().equals(c.after()), refs(c.triggeredBy(), s), c.needs())
          : new Bucket.Alone(c.addr());
      buckets.computeIfAbsent(bucket, b -> new ArrayList<>()).add(c);
    }
    var out = new ArrayList<ChangeGroup>();
    // Buckets were opened in natural address order, so the groups are in the order of their first change.
    for (List<Change> members : buckets.values()) out.add(group(members, addresses));
    return out;
  }

  /** What changes must share to be shown as one: a shape up to each node's name and address, or nothing (alone). */
  private sealed interface Bucket {
    record Shape(String type, String key, Action action, SortedSet<String> unknown,
                 boolean drifted, boolean declaredChanged, List<Ref> triggeredBy, SortedSet<Need> needs) implements Bucket {}
    record Alone(ResourceAddr addr) implements Bucket {}
  }

  private static ChangeGroup group(List<Change> changes, Map<Scope, String> addresses) {
    Change first = changes.getFirst();
    var members = changes.stream().map(c -> new Member(c.addr().scope(), Optional.ofNullable(addresses.get(c.addr().scope())))).toList();
    var names = new TreeSet<String>();
    for (Change c : changes) { names.addAll(c.before().keySet()); names.addAll(c.after().keySet()); }
    var attrs = new TreeMap<String, Attr>();
    for (String n : names) {
      attrs.put(n, new Attr(slot(changes.stream().map(c -> Optional.ofNullable(c.before().get(n))).toList(), members),
          slot(changes.stream().map(c -> Optional.ofNullable(c.after().get(n))).toList(), members)));
    }
    Scope own = first.addr().scope();
    String key = first.addr().key() == null || members.size() == 1 ? first.addr().key() : template(first.addr().key(), members.getFirst());
    return new ChangeGroup(members, first.type(), key, first.action(), attrs, first.unknown(),
        changes.stream().map(Change::dependsOn).toList(), first.drifted(), !first.before().equals(first.after()), refs(first.triggeredBy(), own), first.needs(),
        changes.stream().map(Change::found).toList());
  }

  private static Slot slot(List<Optional<Value>> values, List<Member> members) {
    if (values.stream().distinct().count() == 1) return new Slot.Same(values.getFirst());
    if (values.stream().allMatch(Optional::isPresent)) {
      Value t = template(values.getFirst().get(), members.getFirst());
      boolean exact = true;
      for (int i = 0; i < values.size() && exact; i++) {
        exact = fill(t, members.get(i)).equals(values.get(i).get());
      }
      if (exact) return new Slot.Templated(t);
    }
    return new Slot.PerNode(values);
  }

  private static List<Ref> refs(List<ResourceAddr> addrs, Scope own) {
    return addrs.stream().map(a -> new Ref(a.scope().equals(own) ? Optional.empty() : Optional.of(a.scope()), a.type(), a.key())).toList();
  }

  /** {@code v} with each whole-word occurrence of the member's name and address replaced by the placeholders. */
  public static Value template(Value v, Member m) {
    return map(v, s -> template(s, m));
  }

  public static Value fill(Value v, Member m) {
    return map(v, s -> fill(s, m));
  }

  private static Value map(Value v, java.util.function.UnaryOperator<String> f) {
    return switch (v) {
      case Value.Text t -> new Value.Text(f.apply(t.value()));
      case Value.Array a -> new Value.Array(a.items().stream().map(x -> map(x, f)).toList());
      case Value.Dict d -> {
        var fields = new TreeMap<String, Value>();
        d.fields().forEach((k, x) -> fields.put(k, map(x, f)));
        yield new Value.Dict(fields);
      }
      case SecretDigest s -> s;
      case Value.Num n -> n;
      case Value.Bool b -> b;
      case Value.Null n -> n;
    };
  }

  static String template(String s, Member m) {
    String name = m.scope().name();
    String address = m.address().orElse(null);
    var out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      if (wordAt(s, i, name)) { out.append(NODE); i += name.length(); }
      else if (address != null && wordAt(s, i, address)) { out.append(ADDRESS); i += address.length(); }
      else out.append(s.charAt(i++));
    }
    return out.toString();
  }

  static String fill(String t, Member m) {
    String address = m.address().orElse(ADDRESS);
    var out = new StringBuilder();
    int i = 0;
    while (i < t.length()) {
      if (t.startsWith(NODE, i)) { out.append(m.scope().name()); i += NODE.length(); }
      else if (t.startsWith(ADDRESS, i)) { out.append(address); i += ADDRESS.length(); }
      else out.append(t.charAt(i++));
    }
    return out.toString();
  }

  // A whole word: not inside a longer name or number (infer-1 is not in infer-10, 10.0.2.1 not in 10.0.2.10),
  // but infer-1.lan holds infer-1.
  private static boolean wordAt(String s, int i, String word) {
    if (word.isEmpty() || !s.startsWith(word, i)) return false;
    int end = i + word.length();
    boolean startsWord = i == 0 || !(wordChar(s.charAt(i - 1)) || s.charAt(i - 1) == '.' && i >= 2 && Character.isDigit(s.charAt(i - 2)));
    boolean endsWord = end == s.length() || !(wordChar(s.charAt(end)) || s.charAt(end) == '.' && end + 1 < s.length() && Character.isDigit(s.charAt(end + 1)));
    return startsWord && endsWord;
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }
}
