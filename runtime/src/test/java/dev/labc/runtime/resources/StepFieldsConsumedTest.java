package dev.labc.runtime.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.labc.addr.ResourceAddr;
import dev.labc.plan.HostStep;
import dev.labc.state.Value;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every field of every typed host step is read by something: changing it alone changes a script
 * the runtime runs (check, apply or delete) or the files the planner watches for it. A field
 * nothing reads (as tailscale's package `repository` was) fails here; the few read elsewhere are
 * listed with their reader.
 */
class StepFieldsConsumedTest {
  static final ResourceAddr CONF = ResourceAddr.parse("node.a.file[\"/etc/x.conf\"]");

  /** One step of each kind, with optional parts present so that what depends on them shows. */
  static final List<HostStep> SAMPLES = List.of(
      new HostStep.File("/etc/x.conf", Value.of("a\n"), "0644", "root", Optional.of("adm")),
      new HostStep.Directory("/srv/d", "0755", Optional.of("alice"), Optional.of("research")),
      new HostStep.Line("/etc/ssh/sshd_config", "ClientAliveInterval 60", Optional.of("^ClientAliveInterval"), HostStep.Presence.PRESENT),
      new HostStep.Package("htop", HostStep.Presence.PRESENT, Optional.of("3.2"), true),
      new HostStep.Service("nginx", true, true, Optional.of(new HostStep.Watch(List.of(CONF), "abc")), false),
      new HostStep.Command("echo hi", new HostStep.Guard.Creates("/tmp/m"), new TreeMap<>(Map.of("A", Value.of("1")))),
      new HostStep.User("alice", 1001, 1001, "/bin/bash", List.of("research"), List.of("ssh-ed25519 AAAA alice")),
      new HostStep.Group("research", 1002),
      new HostStep.Mount("10.0.0.1:/srv/home", "/home", "nfs4", "defaults,_netdev"),
      new HostStep.Sysctl("net.ipv4.ip_forward", "1"),
      new HostStep.KernelModule("br_netfilter", true),
      new HostStep.Swap(false),
      new HostStep.Hostname("head"),
      new HostStep.Endpoint("10.0.0.1", 22, "root", Optional.of("bastion")),
      new HostStep.Block("/etc/hosts", "labc hosts", "10.0.0.1 head\n"),
      new HostStep.Gpu(2, Optional.of("300"), Optional.of(true), Optional.of("/run/nvidia/driver")),
      new HostStep.MigMode(2, Optional.of("/run/nvidia/driver")),
      new HostStep.Mig(2, List.of("3g.40gb", "1g.10gb"), Optional.of("/run/nvidia/driver")));

  /** Fields whose reader is not a host script nor the planner's watch list, and who reads them. */
  static final Map<String, String> READ_ELSEWHERE = Map.of(
      "Endpoint.address", "the transport (cli NodeEndpoints): where a node no longer declared is reached",
      "Endpoint.port", "the transport (cli NodeEndpoints)",
      "Endpoint.user", "the transport (cli NodeEndpoints)",
      "Endpoint.via", "the transport (cli NodeEndpoints): the jump node");

  @Test
  void thereIsASampleOfEveryKindOfStep() {
    var kinds = new TreeSet<String>();
    SAMPLES.forEach(s -> kinds.add(s.getClass().getSimpleName()));
    var all = new TreeSet<String>();
    for (Class<?> c : HostStep.class.getPermittedSubclasses()) if (c.isRecord()) all.add(c.getSimpleName());
    assertEquals(all, kinds);
  }

  @TestFactory
  Stream<DynamicTest> changingAnyFieldAloneChangesWhatTheRuntimeOrThePlannerDoes() {
    var tests = new ArrayList<DynamicTest>();
    for (HostStep sample : SAMPLES) {
      for (RecordComponent rc : sample.getClass().getRecordComponents()) {
        String name = sample.getClass().getSimpleName() + "." + rc.getName();
        tests.add(DynamicTest.dynamicTest(name, () -> {
          HostStep variant = with(sample, rc);
          assertNotEquals(sample, variant, "the variant differs in " + name);
          if (READ_ELSEWHERE.containsKey(name)) {
            assertEquals(effects(sample), effects(variant), name + " is listed as read elsewhere, but the runtime reads it: take it off the list");
            return;
          }
          assertNotEquals(effects(sample), effects(variant), name + " is read by nothing: changing it alone changes no script and no watch");
        }));
      }
    }
    // The watch's parts: its files are the planner's, its digest is what makes the plan update the step.
    tests.add(DynamicTest.dynamicTest("Watch.on", () -> {
      var other = new HostStep.Service("nginx", true, true, Optional.of(new HostStep.Watch(List.of(ResourceAddr.parse("node.a.file[\"/etc/y\"]")), "abc")), false);
      assertNotEquals(HostStep.watched(SAMPLES.get(4)), HostStep.watched(other));
    }));
    return tests.stream();
  }

  /** What a step does: its three scripts (secrets resolved to a marker) and the files the planner watches for it. */
  static List<Object> effects(HostStep step) {
    var bound = HostResource.of(step);
    return List.of(bound.check(), bound.apply(name -> "resolved:" + name), bound.delete(), HostStep.watched(step), Originals.keptTest(step));
  }

  /** {@code step} with only {@code rc} changed. */
  static HostStep with(HostStep step, RecordComponent rc) throws Exception {
    RecordComponent[] all = step.getClass().getRecordComponents();
    Object[] args = new Object[all.length];
    for (int i = 0; i < all.length; i++) {
      args[i] = all[i].getAccessor().invoke(step);
      if (all[i].getName().equals(rc.getName())) args[i] = changed(rc.getName(), args[i]);
    }
    var ctor = step.getClass().getDeclaredConstructor(Arrays.stream(all).map(RecordComponent::getType).toArray(Class<?>[]::new));
    return (HostStep) ctor.newInstance(args);
  }

  static Object changed(String field, Object v) {
    return switch (v) {
      case String s when field.equals("mode") -> s.equals("0700") ? "0755" : "0700";
      case String s -> s + "-x";
      case Long l -> l + 1;
      case Boolean b -> !b;
      case HostStep.Presence p -> p == HostStep.Presence.PRESENT ? HostStep.Presence.ABSENT : HostStep.Presence.PRESENT;
      case Value.Text t -> Value.of(t.value() + "b\n");
      case Optional<?> o when o.isPresent() -> Optional.empty();
      case Optional<?> o -> Optional.of("x");
      case HostStep.Guard.Creates c -> new HostStep.Guard.Unless("true");
      case HostStep.Guard g -> new HostStep.Guard.Creates("/tmp/other");
      case SortedMap<?, ?> m -> {
        var out = new TreeMap<String, Value>();
        m.forEach((k, x) -> out.put((String) k, (Value) x));
        out.put("B", Value.of("2"));
        yield out;
      }
      // A MIG layout holds profile names only (HostStep.Mig refuses others).
      case List<?> l when field.equals("profiles") -> {
        var out = new ArrayList<Object>(l);
        out.add("1g.10gb");
        yield out;
      }
      case List<?> l -> {
        var out = new ArrayList<Object>(l);
        out.add("extra");
        yield out;
      }
      default -> throw new IllegalArgumentException("no variation for " + field + " = " + v);
    };
  }

  @Test
  void aRecordedAttributeNoStepHasIsRefusedByName() {
    var attrs = new TreeMap<String, Value>(Map.of("name", Value.of("tailscale"), "state", Value.of("present"),
        "repository", Value.of("https://pkgs.tailscale.com/stable/ubuntu")));
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> HostStep.decode("package", "node.a.package[\"tailscale\"]", attrs));
    assertEquals("node.a.package[\"tailscale\"]: a package step has no attribute repository (an attribute nothing reads)", e.getMessage());
  }
}
