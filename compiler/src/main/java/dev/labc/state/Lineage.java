package dev.labc.state;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identity of one state's history, fixed when the state is first created. Two states with
 * different lineages are unrelated even if their serials agree, so a plan or state file from
 * another lab is refused rather than applied.
 */
public record Lineage(String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

  public Lineage {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid lineage \"" + value + "\": expected a UUID-like token");
    }
  }

  public static Lineage fresh() {
    return new Lineage(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
