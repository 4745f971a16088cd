/**
 * Kubernetes objects as the plan sees them: the cluster-scoped resources ({@code namespace},
 * {@code chart}, {@code manifest}, {@code kube_secret}) expanded into one resource per object,
 * each carrying its manifest as canonical YAML, ordered namespaces and CRDs first. Pure: the
 * runtime's {@code dev.labc.runtime.kube} applies them.
 */
package dev.labc.kube;
