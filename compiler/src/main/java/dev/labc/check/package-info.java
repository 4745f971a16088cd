/**
 * Cluster checks over an evaluated program (GPU, network, storage, Kubernetes and host rules):
 * each a {@link dev.labc.check.ClusterCheck} returning diagnostics, run before any graph is built.
 */
package dev.labc.check;
