package dev.labc.diag;

/**
 * Stable diagnostic codes. The number is what users search for ({@code E0103}); the slug says
 * what it is ({@code syntax/unterminated-string}). Grouped by stage: E0001 a bug in labc, E01xx syntax, E02xx names
 * and modules, E03xx types and evaluation, E04xx cluster checks, E05xx plan and state.
 * Each code has a page in {@code docs/diagnostics.md}.
 */
public enum Code {
  // labc itself: never the input's fault
  INTERNAL_ERROR("E0001", "labc/internal-error"),
  // syntax
  UNEXPECTED_TOKEN("E0101", "syntax/unexpected-token"),
  UNEXPECTED_CHARACTER("E0102", "syntax/unexpected-character"),
  UNTERMINATED_STRING("E0103", "syntax/unterminated-string"),
  UNTERMINATED_COMMENT("E0104", "syntax/unterminated-comment"),
  UNTERMINATED_HEREDOC("E0105", "syntax/unterminated-heredoc"),
  INVALID_ESCAPE("E0106", "syntax/invalid-escape"),
  UNKNOWN_UNIT("E0107", "syntax/unknown-unit"),
  INVALID_NUMBER("E0108", "syntax/invalid-number"),
  INVALID_ADDRESS("E0109", "syntax/invalid-address"),
  NESTING_TOO_DEEP("E0110", "syntax/nesting-too-deep"),
  INVALID_ENCODING("E0111", "syntax/invalid-encoding"),
  MISPLACED_DECLARATION("E0112", "syntax/misplaced-declaration"),
  COMMENT_IN_EXPRESSION("E0113", "format/comment-in-expression"),
  TOO_MANY_ERRORS("E0199", "syntax/too-many-errors"),
  // files
  FILE_NOT_FOUND("E0201", "file/not-found"),
  FILE_UNREADABLE("E0202", "file/unreadable"),
  FILE_TOO_LARGE("E0203", "file/too-large"),
  // names and modules
  IMPORT_NOT_FOUND("E0204", "module/not-found"),
  IMPORT_CYCLE("E0205", "module/import-cycle"),
  UNKNOWN_NAME("E0206", "resolve/unknown-name"),
  DUPLICATE_DECLARATION("E0207", "resolve/duplicate"),
  UNKNOWN_KIND("E0208", "resolve/unknown-kind"),
  UNKNOWN_ATTRIBUTE("E0209", "schema/unknown-attribute"),
  MISSING_ATTRIBUTE("E0210", "schema/missing-attribute"),
  UNKNOWN_TYPE("E0211", "types/unknown-type"),
  // types and evaluation
  TYPE_MISMATCH("E0301", "types/mismatch"),
  OUT_OF_RANGE("E0302", "types/out-of-range"),
  PATTERN_MISMATCH("E0303", "types/pattern"),
  CYCLE("E0304", "eval/cycle"),
  EVALUATION_LIMIT("E0305", "eval/limit"),
  DIVISION_BY_ZERO("E0306", "eval/division-by-zero"),
  SECRET_MISUSE("E0307", "eval/secret"),
  BAD_ARGUMENT("E0308", "eval/bad-argument"),
  UNKNOWN_FUNCTION("E0309", "eval/unknown-function"),
  BAD_VARIABLE("E0310", "eval/bad-variable"),
  SECRET_UNSET("E0311", "eval/secret-unset"),
  // cluster checks
  DUPLICATE_ADDRESS("E0401", "check/unique"),
  UID_MISMATCH("E0402", "check/uid"),
  ETCD_QUORUM("E0403", "check/etcd-quorum"),
  NETWORK_OVERLAP("E0404", "check/network-overlap"),
  NFS_COVERAGE("E0405", "check/nfs-coverage"),
  SWAP_ON_KUBERNETES("E0406", "check/swap"),
  DRIVER_OWNER("E0407", "check/driver-owner"),
  MIG_LAYOUT("E0408", "check/mig-layout"),
  POWER_BUDGET("E0409", "check/power-budget"),
  DRIVER_CUDA("E0410", "check/driver-cuda"),
  BAD_WAIVER("E0411", "check/waiver"),
  TEMPLATE("E0418", "check/template"),
  KUBERNETES("E0419", "check/kubernetes"),
  HOST_SETTINGS("E0420", "check/host-settings"),
  COMMAND_GUARD("E0430", "check/command-guard"),
  MUNGE_KEY("E0421", "check/munge-key"),
  MTU("E0422", "check/mtu"),
  FABRIC_MANAGER("E0423", "check/fabric-manager"),
  NOUVEAU("E0424", "check/nouveau"),
  /** Retired (issue 24): labc applies MIG layouts; kept so an old waiver naming it gets a clear warning. */
  MIG_NOT_APPLIED("E0425", "check/mig-not-applied"),
  SLURM_HARDWARE("E0428", "check/slurm-hardware"),
  NGINX_DEFAULT_SERVER("E0426", "check/nginx-default-server"),
  // the graph of steps (issue 19)
  GRAPH_AFTER("E0440", "graph/after"),
  GRAPH_CONFLICT("E0441", "graph/conflict"),
  GRAPH_CYCLE("E0442", "graph/cycle"),
  FACT_MACHINE_ID("E0412", "facts/machine-id"),
  FACT_UID("E0413", "facts/uid"),
  FACT_CLOCK_SKEW("E0414", "facts/clock-skew"),
  FACT_GPU("E0415", "facts/gpu"),
  FACT_MUNGE_KEY("E0416", "facts/munge-key"),
  FACT_DRIVER("E0417", "facts/driver"),
  FACT_HARDWARE("E0429", "facts/hardware");

  private final String id;
  private final String slug;

  Code(String id, String slug) { this.id = id; this.slug = slug; }

  public String id() { return id; }
  public String slug() { return slug; }
}
