/**
 * The recorded state of a lab: what labc last applied, resource by resource (Terraform
 * {@code states}). Model only: immutable records, no I/O and no JSON library, so the planner can
 * depend on it freely. The on-disk form is {@code dev.labc.state.file}; storage and locking live in
 * the runtime ({@code dev.labc.runtime.state}).
 *
 * <p>Secrets never appear here as values: a {@link SecretDigest} holds a keyed hash that detects a
 * change without revealing the secret.
 */
package dev.labc.state;
