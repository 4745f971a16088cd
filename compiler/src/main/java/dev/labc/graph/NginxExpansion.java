package dev.labc.graph;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * std/nginx's `nginx_proxy` kind: the site file in sites-available, a symlink in sites-enabled,
 * nginx reloaded when the site changes. With certbot, the certificate is obtained with
 * `certbot certonly --nginx` (which leaves the site alone) and a second TLS site is enabled once
 * the certificate exists, so nginx never refers to a missing certificate.
 */
final class NginxExpansion {
  private NginxExpansion() {}

  static String available(String site) { return "/etc/nginx/sites-available/" + site + ".conf"; }

  static String enabled(String site) { return "/etc/nginx/sites-enabled/" + site + ".conf"; }

  static final String DEFAULT_SITE = "/etc/nginx/sites-enabled/default";

  /** {@code ln -sfn <available> <enabled>}: the site enabled by a symlink. */
  private static ShellCommand link(String site) {
    return ShellCommand.builder().literal("ln").literal("-sfn").value(available(site)).value(enabled(site)).build();
  }

  /**
   * One proxied site: what an `nginx_proxy` block declares, or what another kind (std/transformerlab)
   * puts in front of its service. {@code tlsCert}/{@code tlsKey}, {@code clientMaxBodySize} and
   * {@code certbotEmail} may be null.
   */
  record Site(String name, String node, String serverName, String upstream, long listen, boolean defaultServer,
              boolean removeDefaultSite, boolean websockets, String clientMaxBodySize, String tlsCert, String tlsKey,
              boolean certbot, String certbotEmail, Span origin, Span certbotOrigin, Span defaultSiteOrigin) {
    static Site of(Entity p) {
      String cert = null, key = null;
      if (p.get("tls") instanceof Value.Obj tls) {
        cert = Values.text(tls.fields().get("cert"));
        key = Values.text(tls.fields().get("key"));
      }
      return new Site(p.name(), ((Value.Ref) p.get("on")).name(), Values.text(p.get("server_name")), Values.text(p.get("upstream")),
          ((Value.Int) p.get("listen")).value(), flag(p, "default_server"), flag(p, "remove_default_site"), flag(p, "websockets"),
          p.get("client_max_body_size") instanceof Value.Str size ? size.value() : null, cert, key, flag(p, "certbot"),
          p.get("certbot_email") instanceof Value.Str e ? e.value() : null, p.span(), p.spanOf("certbot"), p.spanOf("remove_default_site"));
    }

    boolean tls() { return tlsCert != null; }
  }

  static void expand(Entity p, Emit emit) { expand(Site.of(p), emit); }

  static void expand(Site p, Emit emit) {
    Scope s = Scope.node(p.node());
    String site = p.name();
    ResourceAddr nginx = emit.pkg(s, "nginx", List.of(), p.origin());
    var watched = new ArrayList<ResourceAddr>();
    var deps = new ArrayList<ResourceAddr>(List.of(nginx));
    ResourceAddr file = emit.file(s, available(site), site(p), List.of(nginx), p.origin());
    watched.add(file);
    deps.add(emit.creates(s, "nginx-enable-" + site, link(site), enabled(site), List.of(file), p.origin()));
    if (p.removeDefaultSite()) {
      deps.add(emit.unless(s, "nginx-disable-default", ShellCommand.builder().literal("rm").literal("-f").value(DEFAULT_SITE).build(),
          ShellCommand.builder().literal("[").literal("!").literal("-e").value(DEFAULT_SITE).literal("]").build(), List.of(nginx), p.defaultSiteOrigin()));
    }
    String name = p.serverName();
    String live = "/etc/letsencrypt/live/" + name;
    String tls = site + "-tls";
    ResourceAddr tlsFile = null;
    if (p.certbot() && !p.tls()) {
      // Written now but linked only once the certificate exists; watched so later edits reload.
      tlsFile = emit.file(s, available(tls), tlsSite(p, live + "/fullchain.pem", live + "/privkey.pem"), List.of(nginx), p.certbotOrigin());
      watched.add(tlsFile);
    }
    ResourceAddr svc = emit.service(s, "nginx", watched, "reload", deps, p.origin());
    if (tlsFile != null) {
      ResourceAddr certbot = emit.pkg(s, "certbot", List.of(), p.certbotOrigin());
      ResourceAddr plugin = emit.pkg(s, "python3-certbot-nginx", List.of(certbot), p.certbotOrigin());
      var certonly = ShellCommand.builder().literal("certbot").literal("certonly").literal("--nginx").literal("--non-interactive").literal("--agree-tos");
      if (p.certbotEmail() != null) certonly.literal("-m").value(p.certbotEmail());
      else certonly.literal("--register-unsafely-without-email");
      ResourceAddr cert = emit.creates(s, "certbot-" + name, certonly.literal("-d").value(name).build(),
          live + "/fullchain.pem", List.of(plugin, svc), p.certbotOrigin());
      emit.creates(s, "nginx-enable-" + tls, link(tls).andThen(ShellCommand.builder().literal("nginx").literal("-t").build())
              .andThen(ShellCommand.builder().literal("systemctl").literal("reload").literal("nginx").build()),
          enabled(tls), List.of(tlsFile, cert), p.certbotOrigin());
    }
  }

  /** The site: plain HTTP proxying, or (with TLS) HTTP redirecting to the TLS server in the same file. */
  static String site(Site p) {
    var sb = new StringBuilder("# managed by labc: nginx_proxy ").append(p.name()).append('\n');
    sb.append("server {\n");
    sb.append("  listen ").append(listen(p)).append(";\n");
    sb.append("  server_name ").append(p.serverName()).append(";\n");
    if (p.tls()) {
      sb.append("  return 301 https://$host$request_uri;\n}\n");
      sb.append(tlsSite(p, p.tlsCert(), p.tlsKey()).replaceFirst("^# .*\n", ""));
      return sb.toString();
    }
    proxy(p, sb);
    sb.append("}\n");
    return sb.toString();
  }

  static String tlsSite(Site p, String cert, String key) {
    var sb = new StringBuilder("# managed by labc: nginx_proxy ").append(p.name()).append(" (TLS)\n");
    sb.append("server {\n");
    sb.append("  listen 443 ssl;\n");
    sb.append("  server_name ").append(p.serverName()).append(";\n");
    sb.append("  ssl_certificate ").append(cert).append(";\n");
    sb.append("  ssl_certificate_key ").append(key).append(";\n");
    sb.append("  ssl_protocols TLSv1.2 TLSv1.3;\n");
    proxy(p, sb);
    sb.append("}\n");
    return sb.toString();
  }

  private static String listen(Site p) {
    return p.listen() + (p.defaultServer() ? " default_server" : "");
  }

  private static void proxy(Site p, StringBuilder sb) {
    if (p.clientMaxBodySize() != null) sb.append("  client_max_body_size ").append(p.clientMaxBodySize()).append(";\n");
    sb.append("  location / {\n");
    sb.append("    proxy_pass ").append(p.upstream()).append(";\n");
    sb.append("    proxy_set_header Host $host;\n");
    sb.append("    proxy_set_header X-Real-IP $remote_addr;\n");
    sb.append("    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n");
    sb.append("    proxy_set_header X-Forwarded-Proto $scheme;\n");
    if (p.websockets()) {
      sb.append("    proxy_http_version 1.1;\n");
      sb.append("    proxy_set_header Upgrade $http_upgrade;\n");
      sb.append("    proxy_set_header Connection \"upgrade\";\n");
    }
    sb.append("  }\n");
  }

  private static boolean flag(Entity p, String name) {
    return p.get(name) instanceof Value.Bool b && b.value();
  }
}
