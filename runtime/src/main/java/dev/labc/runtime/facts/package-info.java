/**
 * Fact gathering: one {@link dev.labc.runtime.facts.FactGatherer} per fact (the command to run on a
 * host and the parser of its output, pyinfra's shape, typed), and
 * {@link dev.labc.runtime.facts.FactProbe}, which batches them all into one remote execution per
 * host and parses the answer into {@link dev.labc.facts.HostFacts}. Parsers are pure functions of
 * text; nothing here opens a connection.
 */
package dev.labc.runtime.facts;
