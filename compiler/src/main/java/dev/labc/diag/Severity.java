package dev.labc.diag;

/** How bad a diagnostic is; errors stop the pipeline before the next stage. */
public enum Severity {
  ERROR("error"), WARNING("warning"), NOTE("note");

  private final String label;
  Severity(String label) { this.label = label; }
  public String label() { return label; }
}
