package dev.labc.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.eval.Value;
import dev.labc.eval.Values;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * std/tailscale's `tailscale` kind (seed 003): the package and `tailscale up` with the auth key
 * from the environment on each node, and the tailnet policy file on one node. The policy is what
 * the admin console holds; labc writes it for review and does not push it to Tailscale's API.
 */
final class TailscaleExpansion {
  static final String POLICY = "/etc/labc/tailscale-policy.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TailscaleExpansion() {}

  static void expand(Program program, Entity t, Emit emit) {
    var on = Values.refs(t.get("on"));
    for (Value.Ref r : on) {
      Scope s = Scope.node(r.name());
      ResourceAddr pkg = s.resource("package", "tailscale");
      emit.add(pkg, "package", Map.of("name", Emit.str("tailscale"), "state", Emit.str("present")), List.of(), t.span());
      var tags = strings(t.get("tags"));
      var attrs = new TreeMap<String, Value>();
      // The key comes from the environment the runtime exports (never shown); tags as one value.
      var up = ShellCommand.builder().literal("tailscale").literal("up").literal("--auth-key=\"$TS_AUTHKEY\"");
      if (!tags.isEmpty()) up.literal("--advertise-tags").value(String.join(",", tags));
      if (flag(t, "ssh")) up.literal("--ssh");
      attrs.put("command", Emit.shell(up.build()));
      attrs.put("env", new Value.Obj(new TreeMap<>(Map.of("TS_AUTHKEY", t.get("auth_key")))));
      attrs.put("unless", Emit.shell(ShellCommand.builder().literal("tailscale").literal("status").literal("--peers=false").build()));
      attrs.put("tailnet_ip", new Value.Unknown("tailscale up"));
      emit.add(s.resource("command", "tailscale-up"), "command", attrs, List.of(pkg), t.span());
    }
    String policyNode = policyNode(program, t);
    if (policyNode != null) emit.file(Scope.node(policyNode), POLICY, policy(t), List.of(), t.spanOf("acl_groups"));
  }

  /** `policy_on`, else the first controller among `on`, else the first of `on`. */
  static String policyNode(Program program, Entity t) {
    if (t.get("policy_on") instanceof Value.Ref r) return r.name();
    var on = Values.refs(t.get("on"));
    for (Value.Ref r : on) {
      Entity n = program.entity("node", r.name());
      if (n != null && n.get("roles") instanceof Value.ListV l && l.items().stream().anyMatch(v -> v instanceof Value.EnumV e && e.member().equals("controller"))) return r.name();
    }
    return on.isEmpty() ? null : on.get(0).name();
  }

  /** The tailnet policy: groups, tagOwners, acls and ssh, in the admin console's order. */
  static String policy(Entity t) {
    var p = new LinkedHashMap<String, Object>();
    var groups = new TreeMap<String, Object>();
    if (t.get("acl_groups") instanceof Value.Obj g) g.fields().forEach((k, v) -> groups.put(k, strings(v)));
    p.put("groups", groups);
    var owners = new TreeMap<String, Object>();
    for (String tag : strings(t.get("tags"))) owners.put(tag, List.of(Values.text(t.get("tag_owner"))));
    p.put("tagOwners", owners);
    var acls = new ArrayList<Object>();
    if (t.get("acls") instanceof Value.ListV l) {
      for (Value v : l.items()) {
        var o = ((Value.Obj) v).fields();
        acls.add(rule("accept", strings(o.get("src")), strings(o.get("dst")), null));
      }
    }
    if (acls.isEmpty()) acls.add(rule("accept", List.of("*"), List.of("*:*"), null));
    p.put("acls", acls);
    var ssh = new ArrayList<Object>();
    if (t.get("ssh_rules") instanceof Value.ListV l) {
      for (Value v : l.items()) {
        var o = ((Value.Obj) v).fields();
        ssh.add(rule(Values.text(o.get("action")), strings(o.get("src")), strings(o.get("dst")), strings(o.get("users"))));
      }
    }
    if (ssh.isEmpty() && flag(t, "ssh")) ssh.add(rule("check", List.of("autogroup:member"), List.of("autogroup:self"), List.of("autogroup:nonroot", "root")));
    if (!ssh.isEmpty()) p.put("ssh", ssh);
    try {
      // Plain JSON (no comment saying who wrote it): the admin console and `tailscale` tooling read it as is.
      return JSON.writeValueAsString(p) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> rule(String action, List<String> src, List<String> dst, List<String> users) {
    var r = new LinkedHashMap<String, Object>();
    r.put("action", action);
    r.put("src", src);
    r.put("dst", dst);
    if (users != null) r.put("users", users);
    return r;
  }

  private static List<String> strings(Value v) {
    var out = new ArrayList<String>();
    if (v instanceof Value.ListV l) l.items().forEach(i -> out.add(Values.text(i)));
    return out;
  }

  private static boolean flag(Entity e, String name) {
    return e.get(name) instanceof Value.Bool b && b.value();
  }
}
