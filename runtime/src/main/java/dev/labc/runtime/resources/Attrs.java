package dev.labc.runtime.resources;

import dev.labc.state.SecretDigest;
import dev.labc.state.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Typed reads of a resource's recorded attributes; a missing or mistyped one is a clear error. */
public record Attrs(String addr, SortedMap<String, Value> values) {
    public Attrs {
        values = new TreeMap<>(values);
    }

    public String str(String name) {
        return switch (values.get(name)) {
            case Value.Text t -> t.value();
            case Value.Num n -> n.value().toPlainString();
            case Value.Bool b -> Boolean.toString(b.value());
            case null -> throw missing(name);
            default -> throw new IllegalArgumentException(addr + ": attribute " + name + " is not a string");
        };
    }

    public String str(String name, String fallback) {
        return values.get(name) == null || values.get(name) instanceof Value.Null ? fallback : str(name);
    }

    public boolean has(String name) {
        return values.get(name) != null && !(values.get(name) instanceof Value.Null);
    }

    public long num(String name) {
        if (values.get(name) instanceof Value.Num n) return n.value().longValueExact();
        throw has(name) ? new IllegalArgumentException(addr + ": attribute " + name + " is not a number") : missing(name);
    }

    public boolean bool(String name, boolean fallback) {
        return values.get(name) instanceof Value.Bool b ? b.value() : fallback;
    }

    public List<String> strings(String name) {
        var out = new ArrayList<String>();
        if (values.get(name) instanceof Value.Array a) {
            for (Value v : a.items()) {
                if (v instanceof Value.Text t) out.add(t.value());
                else throw new IllegalArgumentException(addr + ": " + name + " must be a list of strings");
            }
        }
        return out;
    }

    /** A map attribute's entries; secret values stay digests here and are resolved only at apply. */
    public SortedMap<String, Value> dict(String name) {
        return values.get(name) instanceof Value.Dict d ? d.fields() : new TreeMap<>();
    }

    public static boolean isSecret(Value v) {
        return v instanceof SecretDigest;
    }

    private IllegalArgumentException missing(String name) {
        return new IllegalArgumentException(addr + ": attribute " + name + " is missing");
    }
}
