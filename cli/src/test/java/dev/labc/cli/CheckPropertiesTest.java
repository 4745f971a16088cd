package dev.labc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The checks against the rule they state, over generated programs: the MTU arithmetic, the 80%
 * continuous-load rule at a circuit's voltage, and waivers that silence exactly the findings
 * that name their block.
 */
class CheckPropertiesTest {
  static List<Code> codes(String lab) {
    return CheckNearMissTest.check(lab).stream().map(Diagnostic::code).toList();
  }

  @Property(tries = 80)
  void anOverlayFitsIffItsMtuPlusTheEncapsulationFitsTheLan(@ForAll @IntRange(min = 576, max = 9216) int lan,
                                                            @ForAll @IntRange(min = 576, max = 9216) int overlay, @ForAll boolean vpn) {
    String lab = "network lan {\n cidr = 10.0.1.0/24\n mtu = " + lan + "\n}\nnetwork o {\n cidr = 10.9.0.0/16\n kind = \""
        + (vpn ? "vpn" : "pod") + "\"\n mtu = " + overlay + "\n}\n";
    boolean fits = overlay + (vpn ? 80 : 50) <= lan;
    assertEquals(fits ? List.of() : List.of(Code.MTU), codes(lab), lab);
  }

  @Property(tries = 80)
  void aCircuitCarriesEightyPercentOfAmpsTimesVolts(@ForAll @IntRange(min = 1, max = 16) int cards, @ForAll @IntRange(min = 50, max = 600) int limit,
                                                    @ForAll @IntRange(min = 5, max = 60) int amps, @ForAll boolean highVoltage) {
    int volts = highVoltage ? 240 : 120;
    String lab = "circuit c {\n rating = " + amps + "A\n voltage = " + volts + "V\n}\nnode g {\n address = 10.0.1.11\n circuit = c\n gpu {\n"
        + "  model = L40S\n  count = " + cards + "\n  power_limit = " + limit + "W\n }\n}\n";
    // The node: 300 W board, and per PCIe card its power limit plus 100 W of the server (docs/checks.md).
    int draw = 300 + cards * (limit + 100);
    boolean within = draw * 10 <= amps * volts * 8;
    assertEquals(within ? List.of() : List.of(Code.POWER_BUDGET), codes(lab), lab);
  }

  @Property(tries = 30)
  void waiversSilenceExactlyTheClashesOfTheirBlocks(@ForAll @Size(min = 2, max = 6) List<@IntRange(min = 1000, max = 1003) Integer> uids,
                                                    @ForAll @Size(min = 2, max = 6) List<Boolean> waived, @ForAll boolean byCode) {
    var lab = new StringBuilder();
    for (int i = 0; i < uids.size(); i++) {
      if (i < waived.size() && waived.get(i)) lab.append("@waive(check: \"").append(byCode ? "E0402" : "uid").append("\", reason: \"shared on purpose\")\n");
      lab.append("user u").append(i).append(" {\n uid = ").append(uids.get(i)).append("\n}\n");
    }
    // Each later user with a UID seen before clashes with the first holder; the finding names both.
    long expected = 0;
    var firstHolder = new java.util.HashMap<Integer, Integer>();
    for (int i = 0; i < uids.size(); i++) {
      Integer first = firstHolder.putIfAbsent(uids.get(i), i);
      if (first != null && !isWaived(waived, i) && !isWaived(waived, first)) expected++;
    }
    var found = codes(lab.toString());
    assertEquals(expected, found.stream().filter(c -> c == Code.UID_MISMATCH).count(), lab.toString());
    assertTrue(found.stream().allMatch(c -> c == Code.UID_MISMATCH), "nothing else is reported: " + found);
  }

  private static boolean isWaived(List<Boolean> waived, int i) {
    return i < waived.size() && waived.get(i);
  }
}
