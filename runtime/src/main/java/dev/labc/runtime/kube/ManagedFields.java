package dev.labc.runtime.kube;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a live object still holds what labc declared: every field of the declared manifest
 * present with the same value (lists item by item). Fields the server or other managers add are
 * not labc's and are ignored, as server-side apply's ownership would have it.
 */
public final class ManagedFields {
  private ManagedFields() {}

  public static boolean covers(Object declared, Object live) {
    return firstDifference(declared, live, "") == null;
  }

  /** The path of the first declared field the live object does not hold, or null. */
  public static String firstDifference(Object declared, Object live, String path) {
    if (declared instanceof Map<?, ?> d) {
      if (!(live instanceof Map<?, ?> l)) return path.isEmpty() ? "." : path;
      for (var e : d.entrySet()) {
        String p = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
        if (!l.containsKey(e.getKey())) return e.getValue() == null ? null : p;
        String diff = firstDifference(e.getValue(), l.get(e.getKey()), p);
        if (diff != null) return diff;
      }
      return null;
    }
    if (declared instanceof List<?> d) {
      if (!(live instanceof List<?> l) || l.size() != d.size()) return path;
      for (int i = 0; i < d.size(); i++) {
        String diff = firstDifference(d.get(i), l.get(i), path + "[" + i + "]");
        if (diff != null) return diff;
      }
      return null;
    }
    // Numbers may come back as another width (Integer vs Long); YAML booleans and numbers as text.
    return Objects.equals(String.valueOf(declared), String.valueOf(live)) ? null : path;
  }
}
