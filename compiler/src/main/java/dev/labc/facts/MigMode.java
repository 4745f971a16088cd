package dev.labc.facts;

/** A GPU's current MIG mode; {@code UNSUPPORTED} where nvidia-smi reports N/A. */
public enum MigMode { ENABLED, DISABLED, UNSUPPORTED }
