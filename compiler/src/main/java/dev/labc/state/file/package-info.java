/**
 * The on-disk form of {@link dev.labc.state.State} (Terraform {@code statefile}): versioned JSON,
 * one file per node and per cluster plus a small {@code state.json}, written byte-for-byte
 * deterministically so git diffs and merges stay clean. Reading is strict: a damaged or mixed-up
 * file is a {@link dev.labc.state.file.StateFileException} naming the file and what to do, never a
 * silently different state. Layout and format: {@code docs/state-format.md}.
 *
 * <p>Jackson stays inside this package; it does no file or git I/O (paths are names, bytes are given).
 */
package dev.labc.state.file;
