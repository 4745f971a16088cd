/**
 * Kubernetes manifests as data: YAML read into objects and written back canonically (sorted keys,
 * one layout). A leaf: {@code graph.KubeResources} expands cluster-scoped blocks with it, and the
 * runtime's {@code dev.labc.runtime.kube} applies the result.
 */
package dev.labc.kube;
