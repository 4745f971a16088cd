/**
 * The Kubernetes side of apply: a cluster's run of the plan's objects, server-side apply through
 * fabric8, readiness waits, drift reads, cordoning and draining a member node, and the kubeconfig
 * a cluster is reached with.
 */
package dev.labc.runtime.kube;
