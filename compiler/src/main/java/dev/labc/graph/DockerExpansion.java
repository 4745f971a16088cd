package dev.labc.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * std/docker's `docker` kind: per node, /etc/docker/daemon.json (and the proxy drop-in) first,
 * then the package, so the daemon's first start already uses the declared address pools; the
 * service restarted when either file changes; users added to the docker group.
 */
final class DockerExpansion {
  static final String DAEMON_JSON = "/etc/docker/daemon.json";
  static final String PROXY_CONF = "/etc/systemd/system/docker.service.d/http-proxy.conf";
  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private DockerExpansion() {}

  static void expand(Entity d, Emit emit) {
    String daemon = daemonJson(d);
    String proxy = d.get("proxy") instanceof Value.Obj p ? proxyConf(p) : null;
    String pkgName = Values.text(d.get("package"));
    boolean nvidia = d.get("nvidia_runtime") instanceof Value.Bool b && b.value();
    for (Value.Ref r : Values.refs(d.get("on"))) {
      Scope s = Scope.node(r.name());
      var files = new ArrayList<ResourceAddr>();
      files.add(emit.file(s, DAEMON_JSON, daemon, List.of(), d.span()));
      if (proxy != null) files.add(emit.file(s, PROXY_CONF, proxy, List.of(), d.spanOf("proxy")));
      var pkgDeps = new ArrayList<>(files);
      if (pkgName.equals("docker-ce")) {
        pkgDeps.add(emit.aptRepository(s, "docker", "https://download.docker.com/linux/ubuntu/gpg",
            new Emit.AptSource(Values.text(d.get("repository")), null, "stable"), "docker-ce", d.spanOf("package")));
      }
      if (nvidia) pkgDeps.add(containerToolkit(s, emit, d.spanOf("nvidia_runtime")));
      ResourceAddr pkg = emit.pkg(s, pkgName, pkgDeps, d.spanOf("package"));
      emit.service(s, "docker", files, "restart", List.of(pkg), d.span());
      if (d.get("users") instanceof Value.ListV users) {
        for (Value u : users.items()) {
          String name = Values.text(u);
          var deps = new ArrayList<>(List.of(pkg));
          if (emit.has(s.resource("user", name))) deps.add(s.resource("user", name));
          emit.unless(s, "docker-group-" + name, ShellCommand.builder().literal("usermod").literal("-aG").literal("docker").value(name).build(),
              ShellCommand.builder().literal("id").literal("-nG").value(name).literal("|").literal("tr").literal("' '").literal("'\\n'")
                  .literal("|").literal("grep").literal("-qx").literal("docker").build(), deps, d.spanOf("users"));
        }
      }
    }
  }

  /** daemon.json: `settings` first, then the typed parameters over it; keys sorted, two-space indent. */
  static String daemonJson(Entity d) {
    var m = new TreeMap<String, Object>();
    if (d.get("settings") instanceof Value.Obj o) o.fields().forEach((k, v) -> m.put(k, plain(v)));
    var pools = new ArrayList<Object>();
    if (d.get("address_pools") instanceof Value.ListV l) {
      for (Value p : l.items()) {
        if (p instanceof Value.Obj o) {
          var pool = new LinkedHashMap<String, Object>();
          pool.put("base", Values.text(o.fields().get("base")));
          pool.put("size", ((Value.Int) o.fields().get("size")).value());
          pools.add(pool);
        }
      }
    }
    if (!pools.isEmpty()) m.put("default-address-pools", pools);
    if (d.get("bip") instanceof Value.Cidr c) m.put("bip", c.text());
    m.put("storage-driver", Values.text(d.get("storage_driver")));
    if (d.get("nvidia_runtime") instanceof Value.Bool b && b.value()) {
      m.put("default-runtime", "nvidia");
      m.put("runtimes", Map.of("nvidia", Map.of("path", "nvidia-container-runtime", "runtimeArgs", List.of())));
    }
    if (d.get("buildkit") instanceof Value.Bool b && b.value()) m.put("features", Map.of("buildkit", true));
    if (d.get("registry_mirrors") instanceof Value.ListV l && !l.items().isEmpty()) m.put("registry-mirrors", plain(l));
    if (d.get("insecure_registries") instanceof Value.ListV l && !l.items().isEmpty()) m.put("insecure-registries", plain(l));
    try {
      return JSON.writer(PRETTY).writeValueAsString(m) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("daemon.json of " + d.name() + ": " + e.getOriginalMessage(), e);
    }
  }

  static String proxyConf(Value.Obj p) {
    String http = Values.text(p.fields().get("http"));
    String https = p.fields().get("https") instanceof Value.Str s ? s.value() : http;
    var noProxy = new ArrayList<String>();
    if (p.fields().get("no_proxy") instanceof Value.ListV l) l.items().forEach(v -> noProxy.add(Values.text(v)));
    var sb = new StringBuilder("# managed by labc\n[Service]\n");
    sb.append("Environment=\"HTTP_PROXY=").append(http).append("\"\n");
    sb.append("Environment=\"HTTPS_PROXY=").append(https).append("\"\n");
    if (!noProxy.isEmpty()) sb.append("Environment=\"NO_PROXY=").append(String.join(",", noProxy)).append("\"\n");
    return sb.toString();
  }

  /** .lab values as JSON values: numbers stay numbers, quantities and addresses become their text. */
  static Object plain(Value v) {
    return switch (v) {
      case Value.ListV l -> l.items().stream().map(DockerExpansion::plain).toList();
      case Value.Obj o -> {
        var m = new TreeMap<String, Object>();
        o.fields().forEach((k, x) -> m.put(k, plain(x)));
        yield m;
      }
      case Value.Int i -> i.value();
      case Value.Flt f -> f.value();
      case Value.Bool b -> b.value();
      case Value.Null n -> null;
      default -> Values.text(v);
    };
  }

  /**
   * nvidia-container-toolkit from NVIDIA's apt repository (seeds 000 and 004), for
   * `nvidia_runtime`: the same steps std/nvidia's body declares for `container_toolkit`, so a node
   * with both gets one set.
   */
  static ResourceAddr containerToolkit(Scope s, Emit emit, Span origin) {
    ResourceAddr repo = emit.aptRepository(s, "nvidia-container-toolkit", "https://nvidia.github.io/libnvidia-container/gpgkey",
        // $(ARCH) is apt's own variable, kept literally in the line.
        new Emit.AptSource("https://nvidia.github.io/libnvidia-container/stable/deb/$(ARCH)", "/", ""), "nvidia-container-toolkit", origin);
    return emit.pkg(s, "nvidia-container-toolkit", List.of(repo), origin);
  }
}
