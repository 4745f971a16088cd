package dev.labc.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeManifestsTest {
  @Test
  void documentsAreReadSkippingEmptyOnesAndWrittenWithSortedKeys() throws Exception {
    var objects = KubeManifests.read("""
        ---
        kind: ConfigMap
        apiVersion: v1
        metadata: {name: b}
        data: {z: "1", a: "2"}
        ---
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: gpu-operator
        """);
    assertEquals(2, objects.size());
    String yaml = KubeManifests.write(objects.get(0));
    assertEquals("apiVersion: v1\ndata:\n  a: \"2\"\n  z: \"1\"\nkind: ConfigMap\nmetadata:\n  name: b\n", yaml);
    assertEquals(objects.get(0), KubeManifests.parse(yaml), "written YAML reads back to the same object");
  }

  @Test
  void aDocumentThatIsNotAnObjectIsNamedByNumber() {
    var e = assertThrows(KubeManifests.ManifestException.class, () -> KubeManifests.read("apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\nkind: B\n"));
    assertTrue(e.getMessage().contains("document 2") && e.getMessage().contains("apiVersion"), e.getMessage());
    var bad = assertThrows(KubeManifests.ManifestException.class, () -> KubeManifests.read("a: [unclosed\n"));
    assertTrue(bad.getMessage().startsWith("not valid YAML"), bad.getMessage());
    var noName = assertThrows(KubeManifests.ManifestException.class, () -> KubeManifests.read("apiVersion: v1\nkind: A\nmetadata: {}\n"));
    assertTrue(noName.getMessage().contains("metadata.name"), noName.getMessage());
  }

  @Test
  void writingIsStableWhateverTheMapOrder() {
    var a = new java.util.LinkedHashMap<String, Object>();
    a.put("kind", "X");
    a.put("apiVersion", "v1");
    var b = new java.util.LinkedHashMap<String, Object>();
    b.put("apiVersion", "v1");
    b.put("kind", "X");
    assertEquals(KubeManifests.write(a), KubeManifests.write(b));
    assertEquals("count: 1\n", KubeManifests.write(Map.of("count", 1)));
    // YAML 1.1 reads a bare n, y, on or off as a boolean: such strings stay quoted.
    assertEquals("\"n\": \"on\"\n", KubeManifests.write(Map.of("n", "on")));
  }
}
