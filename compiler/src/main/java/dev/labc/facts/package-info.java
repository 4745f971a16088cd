/**
 * Host facts as data: what a host looked like when it was probed ({@link dev.labc.facts.HostFacts},
 * {@link dev.labc.facts.FactsSnapshot}) and their JSON form ({@link dev.labc.facts.FactsJson}).
 * Immutable records only; gathering lives in {@code dev.labc.runtime.facts}, so the planner stays
 * pure and plans against a snapshot. Must not import runtime, SSH or process APIs.
 */
package dev.labc.facts;
