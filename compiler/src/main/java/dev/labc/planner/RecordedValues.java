package dev.labc.planner;

import dev.labc.eval.Value;
import dev.labc.state.SecretHasher;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.TreeMap;

/** Turns evaluated values into the form plans and state record: secrets become keyed digests, never text. */
public final class RecordedValues {
  private RecordedValues() {}

  public static dev.labc.state.Value of(Value v, SecretHasher hasher) {
    return switch (v) {
      case Value.Str s -> new dev.labc.state.Value.Text(s.value());
      case Value.Int i -> new dev.labc.state.Value.Num(BigDecimal.valueOf(i.value()));
      case Value.Flt f -> new dev.labc.state.Value.Num(BigDecimal.valueOf(f.value()));
      case Value.Bool b -> dev.labc.state.Value.of(b.value());
      case Value.Null n -> dev.labc.state.Value.Null.NULL;
      case Value.Quantity q -> new dev.labc.state.Value.Text(q.text());
      case Value.Ip ip -> new dev.labc.state.Value.Text(ip.text());
      case Value.Cidr c -> new dev.labc.state.Value.Text(c.text());
      case Value.EnumV e -> new dev.labc.state.Value.Text(e.member());
      case Value.Ref r -> new dev.labc.state.Value.Text(r.kind() + "." + r.name());
      case Value.ListV l -> {
        var items = new ArrayList<dev.labc.state.Value>();
        for (Value x : l.items()) items.add(of(x, hasher));
        yield new dev.labc.state.Value.Array(items);
      }
      case Value.Obj o -> {
        var m = new TreeMap<String, dev.labc.state.Value>();
        o.fields().forEach((k, x) -> m.put(k, of(x, hasher)));
        yield new dev.labc.state.Value.Dict(m);
      }
      // An unset secret digests as the empty string's digest under a distinct label, so setting it later shows as a change.
      case Value.Secret s -> hasher.digest(s.value() == null ? "\u0000unset:" + s.source() : s.value());
      case Value.Unknown u -> throw new IllegalArgumentException("unknown values are not recorded");
    };
  }
}
