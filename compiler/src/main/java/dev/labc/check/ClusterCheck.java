package dev.labc.check;

import dev.labc.diag.Code;
import dev.labc.diag.Diagnostic;
import dev.labc.eval.Program;
import java.util.List;

/** A static check over the whole evaluated cluster, catching before anything runs what the seeds warn about. */
public interface ClusterCheck {
  Code code();

  List<Diagnostic> run(Program program);
}
