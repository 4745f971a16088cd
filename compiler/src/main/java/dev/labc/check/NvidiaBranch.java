package dev.labc.check;

/** The driver branch of std/nvidia's `version`: "550" of "550" or "550.90.07". */
final class NvidiaBranch {
  private NvidiaBranch() {}

  static String of(String version) {
    if (version == null || !version.matches("\\d{3}(\\.\\d+){0,2}")) return null;
    return version.split("\\.")[0];
  }
}
