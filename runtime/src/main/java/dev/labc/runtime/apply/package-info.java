/**
 * Running a plan: the apply session (lock, freshness, record), the engine that sorts changes by
 * scope, a host's run (its scripts, the marker protocol, retries, drains and reboots around it),
 * drift checks, the per-step outcomes and recording them in the git state. A cluster's objects run
 * behind {@link dev.labc.runtime.apply.ClusterSteps}, in the kube package.
 */
package dev.labc.runtime.apply;
