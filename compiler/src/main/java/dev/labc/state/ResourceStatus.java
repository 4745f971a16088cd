package dev.labc.state;

/** How far labc got with a resource the last time it touched it. */
public enum ResourceStatus {
  /** Applied as recorded. */
  READY,
  /**
   * An apply started changing the resource but did not finish; the attributes are what it was
   * asked to become. The next plan replaces it rather than trusting the record.
   */
  TAINTED
}
