package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.addr.ResourceAddr;
import dev.labc.addr.Scope;
import dev.labc.eval.Evaluator;
import dev.labc.eval.Value;
import dev.labc.runtime.transport.HostEndpoint;
import dev.labc.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: a node's management address (`ssh_address`) is where labc dials, jump hosts included;
 * its cluster `address` stays what the other nodes and the files use.
 */
class NodeEndpointsTest {
  static final String LAB = """
      node login {
        address     = 10.0.1.1
        ssh_address = 192.0.2.7
        ssh_user    = "admin"
      }

      node gpu-1 {
        address     = 10.0.1.2
        ssh_address = 172.16.0.2
        ssh_via     = login
      }

      node gpu-2 {
        address = 10.0.1.3
        ssh_via = login
      }
      """;

  @Test
  void labcDialsTheManagementAddressAndTheClusterSeesTheClusterAddress() {
    var checked = Pipeline.check(new SourceFile("t.lab", LAB), new Evaluator.Options(Map.of(), List.of(), name -> null));
    assertTrue(checked.diagnostics().stream().noneMatch(d -> d.isError()), checked.diagnostics().toString());
    Map<String, HostEndpoint> endpoints = NodeEndpoints.of(checked.evaluation().program());
    HostEndpoint login = new HostEndpoint("login", "192.0.2.7", 22, "admin", Optional.empty());
    assertEquals(login, endpoints.get("login"));
    assertEquals(new HostEndpoint("gpu-1", "172.16.0.2", 22, "root", Optional.of(login)), endpoints.get("gpu-1"));
    assertEquals(new HostEndpoint("gpu-2", "10.0.1.3", 22, "root", Optional.of(login)), endpoints.get("gpu-2"), "no ssh_address: the address");

    // The endpoint recorded in state (to reach a node after it leaves the file) is the dialled one.
    var endpoint = checked.graph().resources().get(Scope.node("gpu-1").resource("endpoint"));
    assertEquals(new Value.Str("172.16.0.2"), endpoint == null ? null : endpoint.attributes().get("address"), String.valueOf(checked.graph().resources().keySet()));
    // /etc/hosts on every node names the cluster addresses.
    var hosts = checked.graph().resources().get(Scope.node("gpu-2").resource("block", "/etc/hosts"));
    String text = hosts == null ? "" : ((Value.Str) hosts.attributes().get("content")).value();
    assertTrue(text.contains("10.0.1.1 login") && text.contains("10.0.1.2 gpu-1") && !text.contains("192.0.2.7") && !text.contains("172.16.0.2"), text);
  }
}
