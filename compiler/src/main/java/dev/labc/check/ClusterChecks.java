package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Entity;
import dev.labc.eval.Program;
import dev.labc.syntax.Annotation;
import dev.labc.syntax.Argument;
import dev.labc.syntax.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every cluster check and applies waivers: {@code @waive(check: "power-budget", reason: "...")}
 * on the block a diagnostic points at silences that check there, and only with a stated reason.
 */
public final class ClusterChecks {
  public static final List<ClusterCheck> ALL = List.of(
      new UniquenessCheck(), new UidCheck(), new EtcdQuorumCheck(), new NetworkOverlapCheck(),
      new NfsCoverageCheck(), new SwapCheck(), new MigLayoutCheck(), new PowerBudgetCheck(), new DriverCudaCheck(), new TemplateCheck(), new KubeCheck(), new DriverOwnerCheck(),
      new HostSettingsCheck(), new CommandGuardCheck(), new MigNotAppliedCheck());

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
        if (ALL.stream().noneMatch(k -> matches(k.code(), c))) {
          out.add(Diagnostic.error(Code.BAD_WAIVER, a.span(), "no check named `" + check + "`", "checks are " + String.join(", ", ALL.stream().map(k -> k.code().slug().replace("check/", "")).toList())));
          continue;
        }
        waivers.add(new Waiver(e, check));
      }
    }
    for (ClusterCheck check : ALL) {
      for (Diagnostic d : check.run(program)) {
        boolean waived = d.span() != null && waivers.stream().anyMatch(w -> matches(d.code(), w.check())
            && w.entity().span().file() == d.span().file()
            && w.entity().span().start() <= d.span().start() && d.span().end() <= w.entity().span().end());
        if (!waived) out.add(d);
      }
    }
    out.sort(Diagnostic.ORDER);
    return out;
  }

  private record Waiver(Entity entity, String check) {}

  static boolean matches(Code code, String name) {
    return code.slug().equals(name) || code.slug().equals("check/" + name) || code.id().equals(name);
  }

}
