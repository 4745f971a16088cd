/**
 * Evaluation of a checked syntax tree into a {@link dev.labc.eval.Program} of typed entities, in
 * stages: {@link dev.labc.eval.ModuleLoad} (imports), {@link dev.labc.eval.Declarations}, the resolver pass
 * ({@link dev.labc.eval.Bindings}: what each name names, shared with the language server), inputs
 * (params, secrets), expansion of for-blocks, interpretation, kind bodies and module instances; and
 * the builtins.
 */
package dev.labc.eval;
