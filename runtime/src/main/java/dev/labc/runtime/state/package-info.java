/**
 * Where state lives and who may change it (Terraform {@code statemgr}): {@link
 * dev.labc.runtime.state.GitStateStore} keeps each state revision as one git commit of the files
 * {@code dev.labc.state.file.StateCodec} writes, locally in {@code .labstate/} or pushed to a
 * remote; {@link dev.labc.runtime.state.StateLock} excludes concurrent applies with a git ref
 * created by compare-and-swap. The only package that links JGit.
 */
package dev.labc.runtime.state;
