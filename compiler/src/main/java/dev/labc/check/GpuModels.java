package dev.labc.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the checks know about each member of core.lab's {@code gpu_model}: the board, whether an
 * 8-GPU board of it has NVSwitches (and so needs Fabric Manager), its MIG geometry, its board
 * power and the rest of the server's draw per GPU. docs/checks.md has the same table with the
 * data sheets it comes from; a test holds the two together.
 */
public final class GpuModels {
  private GpuModels() {}

  /** How the GPUs are built into the server. */
  public enum Form {
    /** On an HGX/DGX baseboard; the 8-GPU boards join the GPUs through NVSwitches. */
    SXM,
    /** PCIe cards, at most paired by NVLink bridges: no NVSwitch, no Fabric Manager. */
    PCIE,
    /** PCIe cards sold in NVLink-bridged pairs or fours (H100 NVL, H200 NVL): no NVSwitch. */
    NVL
  }

  /** A MIG profile: how many fit on one GPU, and its compute (of 7) and memory (of 8) slices. */
  public record MigProfile(int maxInstances, int computeSlices, int memorySlices) {}

  /**
   * One model. {@code platformWattsPerGpu} is the server's own draw (CPUs, NVSwitches, NICs,
   * fans, power-supply loss) per GPU at full load, from the matching DGX's maximum system power.
   * {@code aliasOf} names the explicit member an older, ambiguous member stands for;
   * {@code smiName} is a pattern (case-insensitive, found anywhere) for the name nvidia-smi
   * reports for it: "NVIDIA H100 80GB HBM3" is an H100 SXM, "NVIDIA H100 PCIe" not.
   */
  public record GpuModel(String member, String marketingName, Form form, int boardWatts, int memoryGb,
                         Map<String, MigProfile> mig, int platformWattsPerGpu, String aliasOf, String smiName) {
    /** Whether nvidia-smi's name for a GPU is this model. */
    public boolean reportedAs(String reported) {
      return java.util.regex.Pattern.compile(smiName, java.util.regex.Pattern.CASE_INSENSITIVE).matcher(reported).find();
    }


    public boolean supportsMig() { return !mig.isEmpty(); }

    /** HGX/DGX 8-GPU boards route NVLink through NVSwitches, which only Fabric Manager sets up. */
    public boolean needsFabricManager(long count) { return form == Form.SXM && count >= 8; }
  }

  private static final int PCIE_PLATFORM_WATTS = 100;

  private static Map<String, MigProfile> mig(String one, String oneLarge, String two, String three, String four, String seven) {
    return Map.of(one, new MigProfile(7, 1, 1), oneLarge, new MigProfile(4, 1, 2), two, new MigProfile(3, 2, 2),
        three, new MigProfile(2, 3, 4), four, new MigProfile(1, 4, 4), seven, new MigProfile(1, 7, 8));
  }

  private static final Map<String, MigProfile> A100_40 = mig("1g.5gb", "1g.10gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb");
  private static final Map<String, MigProfile> A100_80 = mig("1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb");
  private static final Map<String, MigProfile> H100_80 = A100_80;
  private static final Map<String, MigProfile> H100_94 = mig("1g.12gb", "1g.24gb", "2g.24gb", "3g.47gb", "4g.47gb", "7g.94gb");
  private static final Map<String, MigProfile> H200_141 = mig("1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb");
  private static final Map<String, MigProfile> B200_180 = mig("1g.23gb", "1g.45gb", "2g.45gb", "3g.90gb", "4g.90gb", "7g.180gb");

  /** In core.lab's order. */
  public static final List<GpuModel> ALL = List.of(
      new GpuModel("A100_40GB", "A100 40GB SXM4 (older name)", Form.SXM, 400, 40, A100_40, 375, "A100_SXM_40GB", "A100.*40GB"),
      new GpuModel("A100_80GB", "A100 80GB SXM4 (older name)", Form.SXM, 400, 80, A100_80, 375, "A100_SXM_80GB", "A100.*80GB"),
      new GpuModel("A100_SXM_40GB", "A100 40GB SXM4", Form.SXM, 400, 40, A100_40, 375, null, "A100-SXM4?-40GB"),
      new GpuModel("A100_SXM_80GB", "A100 80GB SXM4", Form.SXM, 400, 80, A100_80, 375, null, "A100-SXM4?-80GB"),
      new GpuModel("A100_PCIE_40GB", "A100 40GB PCIe", Form.PCIE, 250, 40, A100_40, PCIE_PLATFORM_WATTS, null, "A100(-PCIE-40GB| 40GB PCIE)"),
      new GpuModel("A100_PCIE_80GB", "A100 80GB PCIe", Form.PCIE, 300, 80, A100_80, PCIE_PLATFORM_WATTS, null, "A100(-PCIE-80GB| 80GB PCIE)"),
      new GpuModel("H100", "H100 80GB SXM5 (older name)", Form.SXM, 700, 80, H100_80, 538, "H100_SXM", "H100"),
      new GpuModel("H100_80GB", "H100 80GB SXM5 (older name)", Form.SXM, 700, 80, H100_80, 538, "H100_SXM", "H100.*80GB"),
      new GpuModel("H100_SXM", "H100 80GB SXM5", Form.SXM, 700, 80, H100_80, 538, null, "H100 (80GB HBM3|SXM)"),
      new GpuModel("H100_PCIE", "H100 80GB PCIe", Form.PCIE, 350, 80, H100_80, PCIE_PLATFORM_WATTS, null, "H100 PCIE"),
      new GpuModel("H100_NVL", "H100 NVL 94GB", Form.NVL, 400, 94, H100_94, PCIE_PLATFORM_WATTS, null, "H100 NVL"),
      new GpuModel("H200", "H200 141GB SXM5 (older name)", Form.SXM, 700, 141, H200_141, 538, "H200_SXM", "H200"),
      new GpuModel("H200_SXM", "H200 141GB SXM5", Form.SXM, 700, 141, H200_141, 538, null, "\\bH200\\b(?! NVL)"),
      new GpuModel("H200_NVL", "H200 NVL 141GB", Form.NVL, 600, 141, H200_141, PCIE_PLATFORM_WATTS, null, "H200 NVL"),
      new GpuModel("B200", "B200 180GB SXM6 (HGX B200)", Form.SXM, 1000, 180, B200_180, 750, null, "\\bB200\\b"),
      new GpuModel("L40S", "L40S 48GB PCIe", Form.PCIE, 350, 48, Map.of(), PCIE_PLATFORM_WATTS, null, "\\bL40S\\b"),
      new GpuModel("L40", "L40 48GB PCIe", Form.PCIE, 300, 48, Map.of(), PCIE_PLATFORM_WATTS, null, "\\bL40\\b"),
      new GpuModel("L4", "L4 24GB PCIe", Form.PCIE, 72, 24, Map.of(), PCIE_PLATFORM_WATTS, null, "\\bL4\\b"),
      new GpuModel("RTX_4090", "GeForce RTX 4090 24GB", Form.PCIE, 450, 24, Map.of(), PCIE_PLATFORM_WATTS, null, "RTX 4090"),
      new GpuModel("RTX_A6000", "RTX A6000 48GB", Form.PCIE, 300, 48, Map.of(), PCIE_PLATFORM_WATTS, null, "RTX A6000"),
      new GpuModel("RTX_6000_ADA", "RTX 6000 Ada 48GB", Form.PCIE, 300, 48, Map.of(), PCIE_PLATFORM_WATTS, null, "RTX 6000 ADA"));

  /** A node's power without its GPUs when it declares no `base_power`: what a lone board draws. */
  public static final int NODE_BASE_WATTS = 300;

  public static Optional<GpuModel> of(String member) {
    return ALL.stream().filter(m -> m.member().equals(member)).findFirst();
  }
}
