package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Severity;
import dev.labc.eval.Evaluator;
import dev.labc.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Near misses: programs a careful check tells apart and a sloppy one gets wrong, each beside the
 * case that must be reported. The comment on each says what the sloppy version would do.
 */
class CheckNearMissTest {
  static List<Diagnostic> check(String lab) {
    return Pipeline.check(new SourceFile("t.lab", lab), new Evaluator.Options(Map.of(), List.of(), name -> null)).diagnostics();
  }

  /** The codes found, "W" before a warning's. */
  static List<String> codes(String lab) {
    return check(lab).stream().map(d -> (d.severity() == Severity.WARNING ? "W" : "") + d.code().id()).toList();
  }

  static Diagnostic only(String lab, Code code) {
    var found = check(lab);
    assertEquals(1, found.size(), () -> found.toString());
    assertEquals(code, found.get(0).code(), () -> found.toString());
    return found.get(0);
  }

  static String line(String lab, Diagnostic d) {
    return lab.substring(d.span().start(), d.span().end());
  }

  static final String TWO_NODES = "node head {\n address = 10.0.1.10\n}\nnode gpu-1 {\n address = 10.0.1.11\n}\n";

  // --- E0421 munge-key ---

  /** Both nodes with their hardware declared, so E0428 stays out of the munge-key cases. */
  static final String TWO_SLURM_NODES = "node head {\n address = 10.0.1.10\n cpu {\n  cores_per_socket = 8\n }\n memory = 32GiB\n}\n"
      + "node gpu-1 {\n address = 10.0.1.11\n cpu {\n  cores_per_socket = 8\n }\n memory = 32GiB\n}\n";

  @Test
  void mungeKeyIsNeededOnlyWhereTwoMachinesRunTheDaemons() {
    String slurm = "import \"std/slurm\"\n" + TWO_SLURM_NODES;
    Diagnostic d = only(slurm + "slurm {\n controller = head\n workers = [gpu-1]\n}\n", Code.MUNGE_KEY);
    assertTrue(d.hint().contains("munge_key"), d.hint());
    // One machine as controller and worker: its own key is the shared one (counting entries would say 2).
    assertEquals(List.of(), codes(slurm + "slurm {\n controller = head\n workers = [head]\n}\n"));
    // The same worker listed twice is still one other machine.
    assertEquals(List.of("E0421"), codes(slurm + "slurm {\n controller = head\n workers = [gpu-1, gpu-1]\n}\n"));
    // daemons = false: the image brings munge and its key.
    assertEquals(List.of(), codes(slurm + "slurm {\n controller = head\n workers = [gpu-1]\n daemons = false\n}\n"));
  }

  // --- E0428 slurm-hardware ---

  @Test
  void slurmHardwareIsWantedOfEachWorkerOnceAndNamesWhatIsMissing() {
    String slurm = "import \"std/slurm\"\n" + TWO_NODES + "slurm {\n controller = head\n workers = [gpu-1, gpu-1]\n daemons = false\n}\n";
    // The controller is no NodeName line; a worker listed twice is warned about once.
    assertEquals(List.of("WE0428"), codes(slurm));
    Diagnostic d = check(slurm).get(0);
    assertTrue(d.message().contains("`gpu-1` declares no `cpu` or `memory`") && d.message().endsWith("counts it as 1 CPU and 1 MB"), d.message());
    assertTrue(d.hint().contains("cores_per_socket") && d.hint().contains("memory ="), d.hint());
    assertEquals("node gpu-1 {", line(slurm, d).lines().findFirst().orElseThrow());
    // Half declared: the warning names the half that is missing.
    String cpuOnly = slurm.replace("address = 10.0.1.11\n", "address = 10.0.1.11\n cpu {\n  cores_per_socket = 8\n }\n");
    Diagnostic half = only(cpuOnly, Code.SLURM_HARDWARE);
    assertTrue(half.message().contains("declares no `memory`") && half.message().contains("no RealMemory") && half.message().endsWith("1 MB of memory"), half.message());
    assertEquals(List.of(), codes(cpuOnly.replace(" cpu {\n", " memory = 32GiB\n cpu {\n")));
    // Not a Slurm worker: nothing to say.
    assertEquals(List.of(), codes(TWO_NODES));
  }

  // --- E0422 mtu ---

  static String nets(int lanMtu, String overlay) {
    return "network lan {\n cidr = 10.0.1.0/24\n mtu = " + lanMtu + "\n}\n" + overlay;
  }

  @Test
  void anOverlayMtuIsComparedOnlyWhenWrittenAndFitsExactly() {
    // The VPN's 1500 is the schema's default, not a choice: a check reading it would flag every VPN.
    assertEquals(List.of(), codes(nets(1500, "network wg {\n cidr = 10.9.0.0/24\n kind = \"vpn\"\n}\n")));
    // VXLAN's 50 bytes fit a jumbo LAN exactly; one byte more does not.
    assertEquals(List.of(), codes(nets(9000, "network pods {\n cidr = 10.42.0.0/16\n kind = \"pod\"\n mtu = 8950\n}\n")));
    Diagnostic d = only(nets(9000, "network pods {\n cidr = 10.42.0.0/16\n kind = \"pod\"\n mtu = 8951\n}\n"), Code.MTU);
    assertTrue(d.message().contains("VXLAN adds 50"), d.message());
    assertTrue(d.hint().contains("8950"), d.hint());
    // The smallest LAN decides, not the first.
    String twoLans = nets(9000, "network mgmt {\n cidr = 10.0.2.0/24\n mtu = 1500\n}\nnetwork wg {\n cidr = 10.9.0.0/24\n kind = \"vpn\"\n mtu = 8920\n}\n");
    d = only(twoLans, Code.MTU);
    assertTrue(d.message().contains("network `mgmt` carries at most 1500"), d.message());
    assertEquals("mtu = 8920", line(twoLans, d));
    // A storage or docker network is not an overlay.
    assertEquals(List.of(), codes(nets(1500, "network san {\n cidr = 10.0.9.0/24\n kind = \"storage\"\n mtu = 1500\n}\n")));
  }

  @Test
  void tailscaleNeedsALanOfAtLeast1360() {
    String ts = "import \"std/tailscale\"\nparam k: secret string = \"tskey\"\nnode a {\n address = 10.0.1.5\n}\ntailscale {\n on = [a]\n auth_key = k\n}\n";
    assertEquals(List.of("E0422"), codes(ts + nets(1300, "")));
    assertEquals(List.of(), codes(ts + nets(1360, "")));
  }

  // --- E0423 fabric-manager ---

  static String gpuNode(String model, int count, String extra) {
    return "import \"std/nvidia\"\nnode g {\n address = 10.0.1.11\n gpu {\n  model = " + model + "\n  count = " + count + "\n" + extra + " }\n}\n";
  }

  @Test
  void fabricManagerFollowsTheBoardNotTheModelName() {
    String driver = "nvidia_driver d {\n on = [g]\n version = \"550\"\n}\n";
    assertEquals(List.of("E0423"), codes(gpuNode("H100_SXM", 8, "") + driver));
    // The older name H100 means the SXM part.
    assertEquals(List.of("E0423"), codes(gpuNode("H100", 8, "") + driver));
    assertEquals(List.of("E0423"), codes(gpuNode("B200", 8, "") + driver));
    // A 4-GPU HGX board links its GPUs directly: no NVSwitch (a model-only check would flag it).
    assertEquals(List.of(), codes(gpuNode("H100_SXM", 4, "") + driver));
    // Eight PCIe or NVL cards have no NVSwitch either.
    assertEquals(List.of(), codes(gpuNode("H100_PCIE", 8, "") + driver));
    assertEquals(List.of(), codes(gpuNode("H200_NVL", 8, "") + driver));
    // The GPU Operator's driver container brings its own Fabric Manager; no host driver lands there.
    String operatorNode = gpuNode("H100_SXM", 8, "  driver = \"operator\"\n");
    assertTrue(!codes(operatorNode + driver).contains("E0423"), codes(operatorNode + driver).toString());
    // Fabric Manager where no NVSwitch is: a warning, on the attribute.
    String pcie = gpuNode("L40S", 8, "") + "nvidia_driver d {\n on = [g]\n version = \"550\"\n fabric_manager = true\n}\n";
    Diagnostic d = only(pcie, Code.FABRIC_MANAGER);
    assertEquals(Severity.WARNING, d.severity());
    assertEquals("fabric_manager = true", line(pcie, d));
  }

  @Test
  void aHandWrittenFabricManagerPackageMustBeTheDriversBranch() {
    String base = gpuNode("H100_SXM", 8, "") + "nvidia_driver d {\n on = [g]\n version = \"550.90.07\"\n fabric_manager = true\n}\n";
    String other = base + "package fm {\n name = \"nvidia-fabricmanager-535\"\n on = [g]\n}\n";
    Diagnostic d = only(other, Code.FABRIC_MANAGER);
    assertEquals("name = \"nvidia-fabricmanager-535\"", line(other, d));
    assertTrue(d.message().contains("branch 535") && d.message().contains("branch 550"), d.message());
    // The same branch as a full driver version is the same branch (the hand-written package then
    // duplicates std/nvidia's held one, which is E0441's business, not this check's).
    assertFalse(codes(base + "package fm {\n name = \"nvidia-fabricmanager-550\"\n on = [g]\n}\n").contains("E0423"));
    // On a node the driver is not on, another branch is that node's business.
    assertEquals(List.of(), codes(base + "node h {\n address = 10.0.1.12\n}\npackage fm {\n name = \"nvidia-fabricmanager-535\"\n on = [h]\n}\n"));
  }

  // --- E0424 nouveau ---

  @Test
  void nouveauMattersOnlyWhereThereAreGpus() {
    String off = "nvidia_driver d {\n on = [g]\n version = \"550\"\n blacklist_nouveau = false\n}\n";
    assertEquals(List.of("E0424"), codes(gpuNode("L40S", 2, "") + off));
    assertEquals(List.of(), codes("import \"std/nvidia\"\nnode g {\n address = 10.0.1.11\n}\n" + off));
  }

  // --- E0410 driver-cuda ---

  @Test
  void aBranchMeetsTheMinimumsOfItsOwnReleases() {
    String node = gpuNode("L40S", 2, "  cuda_version = \"12.4\"\n");
    // "550" installs the newest 550.x, which is past 550.54.14 (a version compare says 550 < 550.54.14).
    assertEquals(List.of(), codes(node + "nvidia_driver d {\n on = [g]\n version = \"550\"\n}\n"));
    String old = node + "nvidia_driver d {\n on = [g]\n version = \"550.40.07\"\n}\n";
    Diagnostic d = only(old, Code.DRIVER_CUDA);
    assertEquals("version = \"550.40.07\"", line(old, d));
    assertEquals(List.of("E0410"), codes(node + "nvidia_driver d {\n on = [g]\n version = \"535\"\n}\n"));
    // A version part longer than a long is compared, not a crash.
    assertEquals(List.of(), codes(node + "nvidia_driver d {\n on = [g]\n version = \"550.99999999999999999999\"\n}\n"));
    // A node's own driver_version: the caret is on it, not on the gpu block.
    String own = gpuNode("L40S", 2, "  cuda_version = \"12.4\"\n  driver_version = \"535.54.03\"\n");
    assertEquals("driver_version = \"535.54.03\"", line(own, only(own, Code.DRIVER_CUDA)));
  }

  // --- E0404 network-overlap ---

  static final String K3S = "node s {\n address = 10.0.1.10\n}\n";

  @Test
  void aNetworkRestatingThePodRangeIsThatRange() {
    String pods = K3S + "network pods {\n cidr = 10.42.0.0/16\n kind = \"pod\"\n}\ncluster k {\n distribution = \"k3s\"\n servers = [s]\n pod_cidr = pods.cidr\n}\n";
    assertEquals(List.of(), codes(pods));
    // Declared as a LAN, the same range is a real clash.
    assertEquals(List.of("E0404"), codes(pods.replace("kind = \"pod\"", "kind = \"lan\"")));
    // A pod range that only overlaps the declared pod network is not a restatement of it.
    assertEquals(List.of("E0404"), codes(pods.replace("pod_cidr = pods.cidr", "pod_cidr = 10.42.0.0/17")));
    // The default pod range counts too.
    assertEquals(List.of(), codes(pods.replace(" pod_cidr = pods.cidr\n", "")));
  }

  @Test
  void aTailnetDeclaredAsANetworkIsTheTailscaleRange() {
    String ts = "import \"std/tailscale\"\nparam k: secret string = \"tskey\"\nnode a {\n address = 10.0.1.5\n}\ntailscale {\n on = [a]\n auth_key = k\n}\n";
    assertEquals(List.of(), codes(ts + "network tailnet {\n cidr = 100.64.0.0/10\n kind = \"vpn\"\n}\n"));
    // An ISP's CGNAT range on the LAN side does clash with it.
    assertEquals(List.of("E0404"), codes(ts + "network uplink {\n cidr = 100.64.0.0/10\n}\n"));
    // Another VPN inside the tailnet's range clashes too.
    assertEquals(List.of("E0404"), codes(ts + "network school {\n cidr = 100.100.0.0/16\n kind = \"vpn\"\n}\n"));
  }

  // --- E0401 unique ---

  @Test
  void addressesAreClaimedTwiceAsNumbersAndByMetallb() {
    // One IPv6 address written two ways (a text compare misses it).
    assertEquals(List.of("E0401"), codes("node a {\n address = fd00::1\n}\nnode b {\n address = fd00:0::1\n}\n"));
    // An IPv4 and an IPv6 address with the same low bits are different addresses.
    assertEquals(List.of(), codes("node a {\n address = 10.0.1.1\n}\nnode b {\n address = ::a00:101\n}\n"));
    // The LAN's network and broadcast address are no host's; inside a /16, x.x.1.0 and x.x.1.255 are.
    assertEquals(List.of("E0401"), codes("network lan {\n cidr = 10.0.1.0/24\n}\nnode a {\n address = 10.0.1.255\n}\n"));
    assertEquals(List.of(), codes("network lan {\n cidr = 10.0.0.0/16\n}\nnode a {\n address = 10.0.1.255\n}\nnode b {\n address = 10.0.2.0\n}\n"));
  }

  @Test
  void aMetallbPoolHoldingANodesAddressClaimsItTwice() {
    String lab = "import \"std/charts\"\nnode s {\n address = 10.0.1.210\n}\nnetwork lan {\n cidr = 10.0.1.0/24\n}\n"
        + "cluster k {\n distribution = \"k3s\"\n servers = [s]\n}\nmetallb lb {\n cluster = k\n addresses = [\"10.0.1.200-10.0.1.220\"]\n}\n";
    assertEquals(List.of("E0401"), codes(lab));
    assertEquals(List.of(), codes(lab.replace("10.0.1.200-10.0.1.220", "10.0.1.211-10.0.1.220")));
  }

  // --- E0403 etcd-quorum ---

  static final String THREE = "node a {\n address = 10.0.1.1\n}\nnode b {\n address = 10.0.1.2\n}\nnode c {\n address = 10.0.1.3\n}\n";

  @Test
  void etcdCountsEachDistinctServerAndNoAgent() {
    // [a, a, b] is two members, not three (a list size would say 3 and pass it).
    var found = codes(THREE + "param tok: secret string = \"t\"\ncluster k {\n distribution = \"k3s\"\n servers = [a, a, b]\n token = tok\n}\n");
    assertEquals(List.of("E0403", "E0403"), found);
    // Agents are no members: one server and two agents is a valid single-server cluster.
    assertEquals(List.of(), codes(THREE + "param tok: secret string = \"t\"\ncluster k {\n distribution = \"k3s\"\n servers = [a]\n agents = [b, c]\n token = tok\n}\n"));
    // Servers and no agents run pods themselves: nothing to report.
    assertEquals(List.of(), codes(THREE + "param tok: secret string = \"t\"\ncluster k {\n distribution = \"rke2\"\n servers = [a, b, c]\n token = tok\n}\n"));
    // No server: nothing to run on, unless the cluster exists already (a kubeconfig).
    assertEquals(List.of("E0403"), codes(THREE + "cluster k {\n distribution = \"k3s\"\n servers = []\n agents = [a]\n}\n"));
    assertEquals(List.of(), codes(THREE + "cluster k {\n distribution = \"k3s\"\n servers = []\n kubeconfig = \"kc.yaml\"\n}\n"));
  }

  // --- E0402 uid ---

  @Test
  void userAndGroupIdsLiveInTwoNamespaces() {
    // A user's UID equal to a group's GID is no clash; two users sharing a primary GID are a group.
    assertEquals(List.of(), codes("group lab {\n gid = 1001\n}\nuser alice {\n uid = 1001\n gid = 1001\n}\nuser bob {\n uid = 1002\n gid = 1001\n}\n"));
    assertEquals(List.of("E0402"), codes("group lab {\n gid = 1001\n}\ngroup lab2 {\n gid = 1001\n}\n"));
  }

  // --- E0409 power-budget ---

  static String circuit(String rating, int gpus, String limit) {
    return "circuit c {\n" + rating + "}\nnode g {\n address = 10.0.1.11\n circuit = c\n gpu {\n  model = RTX_4090\n  count = " + gpus + "\n  power_limit = " + limit + "\n }\n}\n";
  }

  @Test
  void theEightyPercentRuleAtTheCircuitsVoltage() {
    // 300 + 2 x (100 + 520) = 1540 W against 80% of 15 A x 120 V = 1440 W; at 240 V, 2880 W.
    assertEquals(List.of("E0409"), codes(circuit(" rating = 15A\n", 2, "520W")));
    assertEquals(List.of(), codes(circuit(" rating = 15A\n voltage = 240V\n", 2, "520W")));
    // Exactly 80% is allowed: 300 + 2 x (100 + 470) = 1440 W.
    assertEquals(List.of(), codes(circuit(" rating = 15A\n", 2, "470W")));
    assertEquals(List.of("E0409"), codes(circuit(" rating = 15A\n", 2, "471W")));
    // A VA rating is taken as watts; a declared base_power replaces the estimate of the server.
    assertEquals(List.of(), codes(circuit(" rating = 1800VA\n", 2, "470W")));
    assertEquals(List.of("E0409"), codes(circuit(" rating = 1800VA\n", 2, "470W").replace(" circuit = c\n", " circuit = c\n base_power = 600W\n")));
    Diagnostic d = only(circuit(" rating = 15A\n", 2, "520W"), Code.POWER_BUDGET);
    assertTrue(d.message().contains("15A at 120V = 1800W") && d.message().contains("1440W continuously (80%)") && d.message().contains("1540W"), d.message());
    // A rating that is not electrical is a type error, with the unit to use.
    assertEquals(List.of("E0301"), codes(circuit(" rating = 15\n", 2, "470W")));
  }

  // --- waivers ---

  static final String CLASH = "user alice {\n uid = 1501\n}\nuser alice-nas {\n uid = 1501\n}\nuser bob {\n uid = 1600\n}\n";

  @Test
  void aWaiverOnEitherBlockTheFindingNamesSilencesIt() {
    assertEquals(List.of("E0402"), codes(CLASH));
    for (String name : List.of("uid", "E0402")) {
      String waive = "@waive(check: \"" + name + "\", reason: \"the NAS account predates the lab\")\n";
      assertEquals(List.of(), codes(waive + CLASH), "on the first user, by " + name);
      assertEquals(List.of(), codes(CLASH.replace("user alice-nas", waive + "user alice-nas")), "on the second user, by " + name);
      // On a block the finding does not name, it waives nothing.
      assertEquals(List.of("E0402"), codes(CLASH.replace("user bob", waive + "user bob")), "on bob, by " + name);
    }
    // Another check's waiver on the right block waives nothing.
    assertEquals(List.of("E0402"), codes("@waive(check: \"power-budget\", reason: \"x\")\n" + CLASH));
  }

  @Test
  void aPowerFindingIsWaivedOnTheCircuitOrOnANodeOnIt() {
    String over = circuit(" rating = 15A\n", 2, "520W");
    String waive = "@waive(check: \"power-budget\", reason: \"the BMC caps this node at 1 kW\")\n";
    assertEquals(List.of(), codes(waive + over));
    assertEquals(List.of(), codes(over.replace("node g", waive + "node g")));
  }

  @Test
  void aCheckAnswersToItsCodeAndOneNameOnly() {
    for (String wrong : List.of("uid-consistency", "check/uid", "uid-mismatch")) {
      var found = check("@waive(check: \"" + wrong + "\", reason: \"x\")\n" + CLASH);
      var bad = found.stream().filter(d -> d.code() == Code.BAD_WAIVER).toList();
      assertEquals(1, bad.size(), wrong + ": " + found);
      assertTrue(bad.get(0).hint().startsWith("did you mean `uid`?"), wrong + ": " + bad.get(0).hint());
      assertTrue(bad.get(0).hint().contains("uid (E0402)"), bad.get(0).hint());
      // The finding it meant to waive is still reported.
      assertTrue(found.stream().anyMatch(d -> d.code() == Code.UID_MISMATCH), found.toString());
    }
  }

  /** E0425 mig-not-applied was retired when labc began applying MIG: an old waiver of it is a warning, not an error, and waives nothing else. */
  @Test
  void aWaiverOfTheRetiredMigNotAppliedCheckIsAWarningThatSaysWhy() {
    String node = "node gpu-1 {\n address = 10.0.1.11\n gpu {\n  model = H100\n  count = 8\n  mig = [\"3g.40gb\", \"3g.40gb\"]\n }\n}\n";
    assertEquals(List.of(), codes(node), "a layout labc applies is not a finding");
    for (String name : List.of("mig-not-applied", "E0425")) {
      var found = check("@waive(check: \"" + name + "\", reason: \"made by hand\")\n" + node);
      assertEquals(1, found.size(), found::toString);
      Diagnostic d = found.get(0);
      assertEquals(Code.BAD_WAIVER, d.code());
      assertEquals(Severity.WARNING, d.severity());
      assertTrue(d.message().contains("was retired: labc now applies a node's MIG layout"), d.message());
    }
    // A layout that does not fit is still E0408, whatever the old waiver.
    String over = node.replace("[\"3g.40gb\", \"3g.40gb\"]", "[\"4g.40gb\", \"4g.40gb\"]");
    assertTrue(codes("@waive(check: \"mig-not-applied\", reason: \"x\")\n" + over).contains("E0408"), codes(over).toString());
  }
}
