/**
 * Running a plan: the apply engine (host scripts over SSH, cluster objects through the kube
 * package), drift checks, the per-step outcomes and recording them in the git state.
 */
package dev.labc.runtime.apply;
