package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * std/docker's daemon.json, written by the kind's .lab body, over generated `docker` blocks: the
 * bytes are what dockerd was shown to read (DockerdAcceptsDaemonJsonTest) and what the Java
 * expansion it replaced wrote: `settings` first, the typed parameters over it, keys sorted, in
 * Docker's documented layout. The oracle is Jackson with that layout, over the block's values.
 */
class DockerDaemonJsonPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final DefaultPrettyPrinter LINES = new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));

  record Daemon(List<Integer> poolOctets, List<Integer> poolSizes, boolean bip, String driver, boolean nvidia, boolean buildkit,
                List<String> mirrors, List<String> insecure, Map<String, Object> settings) {}

  @Property(tries = 40)
  void daemonJsonIsTheTypedParametersOverSettingsInDockersLayout(@ForAll("daemons") Daemon d) throws Exception {
    var pools = new ArrayList<String>();
    var expectedPools = new ArrayList<Object>();
    for (int i = 0; i < d.poolOctets().size(); i++) {
      String base = "172." + d.poolOctets().get(i) + ".0.0/16";
      int size = d.poolSizes().get(i % d.poolSizes().size());
      pools.add("{ base = " + base + ", size = " + size + " }");
      var p = new LinkedHashMap<String, Object>();
      p.put("base", base);
      p.put("size", size);
      expectedPools.add(p);
    }
    var settings = new ArrayList<String>();
    d.settings().forEach((k, v) -> settings.add("\"" + k + "\" = " + (v instanceof String s ? "\"" + s + "\"" : v)));
    String lab = """
        import "std/docker"
        docker {
          on                  = [gpu-1]
          address_pools       = [%s]
          %s
          storage_driver      = "%s"
          nvidia_runtime      = %s
          buildkit            = %s
          registry_mirrors    = [%s]
          insecure_registries = [%s]
          settings            = { %s }
        }
        """.formatted(String.join(", ", pools), d.bip() ? "bip = 172.239.0.1/24" : "", d.driver(), d.nvidia(), d.buildkit(),
        String.join(", ", d.mirrors().stream().map(m -> "\"" + m + "\"").toList()),
        String.join(", ", d.insecure().stream().map(m -> "\"" + m + "\"").toList()), String.join(", ", settings));

    var m = new TreeMap<String, Object>(d.settings());
    if (!expectedPools.isEmpty()) m.put("default-address-pools", expectedPools);
    if (d.bip()) m.put("bip", "172.239.0.1/24");
    m.put("storage-driver", d.driver());
    if (d.nvidia()) {
      m.put("default-runtime", "nvidia");
      m.put("runtimes", Map.of("nvidia", Map.of("path", "nvidia-container-runtime", "runtimeArgs", List.of())));
    }
    if (d.buildkit()) m.put("features", Map.of("buildkit", true));
    if (!d.mirrors().isEmpty()) m.put("registry-mirrors", d.mirrors());
    if (!d.insecure().isEmpty()) m.put("insecure-registries", d.insecure());
    String expected = JSON.writer(LINES).writeValueAsString(m) + "\n";

    var g = StdlibKindsTest.graph(lab);
    assertEquals(expected, StdlibKindsTest.content(g, "node.gpu-1.file[\"/etc/docker/daemon.json\"]"), lab);
  }

  @Provide
  Arbitrary<Daemon> daemons() {
    var octets = Arbitraries.integers().between(16, 31).set().ofMaxSize(3).map(s -> List.copyOf(new java.util.TreeSet<>(s)));
    var sizes = Arbitraries.integers().between(16, 28).list().ofMinSize(1).ofMaxSize(3);
    var drivers = Arbitraries.of("overlay2", "fuse-overlayfs", "btrfs", "zfs", "vfs");
    var mirrors = Arbitraries.integers().between(1, 9).map(i -> "https://mirror" + i + ".example.edu").list().ofMaxSize(2);
    var insecure = Arbitraries.integers().between(1, 9).map(i -> "registry" + i + ".lab:5000").list().ofMaxSize(2);
    // Keys as Docker spells them; "storage-driver" and "features" also as typed parameters, which win.
    Arbitrary<Map<String, Object>> settings = Arbitraries.maps(
        Arbitraries.of("log-driver", "max-concurrent-downloads", "debug", "storage-driver", "features", "live-restore"),
        Arbitraries.oneOf(Arbitraries.of("json-file", "local"), Arbitraries.integers().between(1, 12).map(i -> (Object) i),
            Arbitraries.of(true, false).map(b -> (Object) b))).ofMaxSize(4);
    // bip, nvidia_runtime and buildkit as the three bits of one number.
    var flags = Arbitraries.integers().between(0, 7);
    return Combinators.combine(octets, sizes, flags, drivers, mirrors, insecure, settings)
        .as((o, s, f, drv, mi, in, st) -> new Daemon(o, s, (f & 1) != 0, drv, (f & 2) != 0, (f & 4) != 0, mi, in, st));
  }
}
