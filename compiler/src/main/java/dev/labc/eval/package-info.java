/**
 * Evaluation of a checked syntax tree into a {@link dev.labc.eval.Program} of typed entities:
 * imports, names, inputs (params, secrets), expansion of for-blocks, and the builtins.
 */
package dev.labc.eval;
