/**
 * Evaluation of a checked syntax tree into a {@link dev.labc.eval.Program} of typed entities, in
 * stages run by the facade {@link dev.labc.eval.Evaluator}: {@link dev.labc.eval.ModuleLoad} (imports),
 * {@link dev.labc.eval.Declarations}, the resolver pass ({@link dev.labc.eval.Bindings}: what each name
 * names, shared with the language server), {@link dev.labc.eval.Inputs} (params, secrets),
 * {@link dev.labc.eval.Expansion} (top-level for/if into blocks), interpretation
 * ({@link dev.labc.eval.Interpreter} for expressions, {@link dev.labc.eval.Attributes} for each block's
 * attributes), then {@link dev.labc.eval.KindBodies} and {@link dev.labc.eval.ModuleInstances}; and the
 * builtins. The stages share one {@link dev.labc.eval.EvalState} per run, each writing its own part.
 */
package dev.labc.eval;
