/**
 * Shell text: the one audited quoting function ({@link dev.labc.shell.ShellQuote}) and the
 * argument-vector command type ({@link dev.labc.shell.ShellCommand}) that every remote command is
 * built from. No code outside this package turns a value into shell text. Pure: it runs nothing;
 * secrets stay names ({@link dev.labc.shell.Arg.SecretRef}) until the runtime renders a command.
 */
package dev.labc.shell;
