package dev.labc.runtime.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {
  static final Map<String, Object> DECLARED = Map.of("metadata", Map.of("name", "a", "labels", Map.of("x", "1")),
      "spec", Map.of("replicas", 2, "ports", List.of(Map.of("port", 80))));

  @Test
  void fieldsOthersAddAreNotLabcs() {
    var live = Map.of("metadata", Map.of("name", "a", "labels", Map.of("x", "1", "added-by", "controller"), "uid", "u-1"),
        "spec", Map.of("replicas", 2L, "ports", List.of(Map.of("port", 80, "protocol", "TCP"))), "status", Map.of("ready", true));
    assertTrue(ManagedFields.covers(DECLARED, live));
  }

  @Test
  void aChangedOrMissingManagedFieldIsNamed() {
    var changed = Map.of("metadata", Map.of("name", "a", "labels", Map.of("x", "2")), "spec", Map.of("replicas", 2, "ports", List.of(Map.of("port", 80))));
    assertEquals("metadata.labels.x", ManagedFields.firstDifference(DECLARED, changed, ""));
    var fewer = Map.of("metadata", Map.of("name", "a", "labels", Map.of("x", "1")), "spec", Map.of("replicas", 2, "ports", List.of()));
    assertEquals("spec.ports", ManagedFields.firstDifference(DECLARED, fewer, ""));
    var missing = Map.of("metadata", Map.of("name", "a", "labels", Map.of("x", "1")));
    assertFalse(ManagedFields.covers(DECLARED, missing));
    assertNull(ManagedFields.firstDifference(Map.of(), missing, ""));
  }
}
