/**
 * The Kubernetes side of apply: server-side apply of the plan's cluster objects through fabric8,
 * readiness waits, drift reads and the kubeconfig a cluster is reached with.
 */
package dev.labc.runtime.kube;
