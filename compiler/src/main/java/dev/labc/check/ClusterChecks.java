package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.diag.Related;
import dev.labc.diag.Spelling;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.syntax.Annotation;
import dev.labc.syntax.Argument;
import dev.labc.syntax.Expr;
import dev.labc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every cluster check and applies waivers: {@code @waive(check: "power-budget", reason: "...")}
 * on any block a finding names (where it points, or one of its related spans: either of two
 * clashing users) silences that check there, and only with a stated reason. A check answers to
 * its code ({@code E0409}) and to one stable name ({@code power-budget}), listed in
 * docs/diagnostics.md; nothing else.
 */
public final class ClusterChecks {
  public static final List<ClusterCheck> ALL = List.of(
      new UniquenessCheck(), new UidCheck(), new EtcdQuorumCheck(), new NetworkOverlapCheck(),
      new NfsCoverageCheck(), new SwapCheck(), new MigLayoutCheck(), new PowerBudgetCheck(), new DriverCudaCheck(), new TemplateCheck(), new KubeCheck(), new DriverOwnerCheck(),
      new HostSettingsCheck(), new CommandGuardCheck(), new MungeKeyCheck(), new MtuCheck(), new FabricManagerCheck(), new NouveauCheck(),
      new SlurmHardwareCheck(), new NginxDefaultServerCheck());

  /**
   * Checks that no longer run, because what they warned of is gone: a waiver naming one is a
   * warning that says why (a program from before keeps checking), not an unknown check.
   */
  static final java.util.Map<Code, String> RETIRED = java.util.Map.of(
      Code.MIG_NOT_APPLIED, "labc now applies a node's MIG layout (steps node.X.mig_mode and node.X.mig, see docs/operations.md)");

  private ClusterChecks() {}

  public static List<Diagnostic> run(Program program) {
    var out = new ArrayList<Diagnostic>();
    var waivers = new ArrayList<Waiver>();
    for (Entity e : program.entities().values()) {
      for (Annotation a : e.annotations()) {
        if (!a.name().name().equals("waive")) continue;
        String check = null, reason = null;
        for (Argument arg : a.args()) {
          String v = arg.value() instanceof Expr.Str s ? s.literalValue() : null;
          if (arg.name() != null && arg.name().name().equals("check")) check = v;
          if (arg.name() != null && arg.name().name().equals("reason")) reason = v;
        }
        if (check == null || reason == null || reason.isBlank()) {
          out.add(Diagnostic.error(Code.BAD_WAIVER, a.span(), "a waiver needs `check:` and a non-empty `reason:`",
              "write @waive(check: \"power-budget\", reason: \"why this is safe here\")"));
          continue;
        }
        String c = check;
        var retired = RETIRED.keySet().stream().filter(k -> matches(k, c)).findFirst();
        if (retired.isPresent()) {
          out.add(Diagnostic.warning(Code.BAD_WAIVER, waiverCheckSpan(a), "check `" + check + "` (" + retired.get().id() + ") was retired: "
              + RETIRED.get(retired.get()), "remove this waiver; it waives nothing"));
          continue;
        }
        if (ALL.stream().noneMatch(k -> matches(k.code(), c))) {
          var names = ALL.stream().map(k -> name(k.code())).toList();
          // "check/uid" (the slug) and "uid-consistency" (a longer name) are near misses too.
          String near = names.stream().filter(n -> c.endsWith("/" + n) || c.startsWith(n + "-")).findFirst()
              .map(n -> "did you mean `" + n + "`?").orElse(Spelling.didYouMean(check, names));
          out.add(Diagnostic.error(Code.BAD_WAIVER, waiverCheckSpan(a), "no check named `" + check + "`",
              (near != null ? near + "; " : "") + "a check is named by its code or its name: "
                  + String.join(", ", ALL.stream().map(k -> name(k.code()) + " (" + k.code().id() + ")").toList())));
          continue;
        }
        waivers.add(new Waiver(e, check));
      }
    }
    for (ClusterCheck check : ALL) {
      var found = new ArrayList<Diagnostic>();
      for (Diagnostic d : check.run(program)) {
        boolean waived = waivers.stream().anyMatch(w -> matches(d.code(), w.check()) && names(d, w.entity()));
        if (!waived) found.add(d);
      }
      out.addAll(foldedByPlace(found));
    }
    out.sort(Diagnostic.ORDER);
    return out;
  }

  private record Place(Code code, dev.labc.diag.Severity severity, Span span) {}

  /** More findings of one check at one place than a reader can use: a loop's blocks, one per pass. */
  static final int SHOWN_AT_ONE_PLACE = 3;

  /**
   * The blocks of one loop share their spans, so a check finds the same mistake once per pass, each
   * naming its own node (the collector's folding of identical diagnostics does not catch them):
   * past {@value #SHOWN_AT_ONE_PLACE} at one place, the first stands for the rest with their count.
   */
  public static List<Diagnostic> foldedByPlace(List<Diagnostic> found) {
    var byPlace = new java.util.LinkedHashMap<Place, List<Diagnostic>>();
    for (Diagnostic d : found) byPlace.computeIfAbsent(new Place(d.code(), d.severity(), d.span()), k -> new ArrayList<>()).add(d);
    var out = new ArrayList<Diagnostic>();
    for (List<Diagnostic> same : byPlace.values()) {
      if (same.size() <= SHOWN_AT_ONE_PLACE || same.get(0).span() == null) {
        out.addAll(same);
        continue;
      }
      Diagnostic first = same.get(0);
      out.add(new Diagnostic(first.severity(), first.code(), first.span(),
          first.message() + String.format(java.util.Locale.ROOT, " (and %,d more like it here)", same.size() - 1),
          first.hint(), first.related()));
    }
    return out;
  }

  private record Waiver(Entity entity, String check) {}

  /** The one stable name a check answers to besides its code: its slug without {@code check/}. */
  public static String name(Code code) {
    return code.slug().substring(code.slug().indexOf('/') + 1);
  }

  static boolean matches(Code code, String name) {
    return code.id().equals(name) || name(code).equals(name);
  }

  /** Whether the finding points into the block, or names it in one of its related spans. */
  private static boolean names(Diagnostic d, Entity e) {
    var spans = new ArrayList<Span>();
    if (d.span() != null) spans.add(d.span());
    for (Related r : d.related()) if (r.span() != null) spans.add(r.span());
    return spans.stream().anyMatch(s -> s.file() == e.span().file() && e.span().start() <= s.start() && s.end() <= e.span().end());
  }

  private static Span waiverCheckSpan(Annotation a) {
    for (Argument arg : a.args()) {
      if (arg.name() != null && arg.name().name().equals("check")) return arg.value().span();
    }
    return a.span();
  }

}
