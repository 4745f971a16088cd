/**
 * Making a plan against the live cluster: the refresh of what state records (hosts over SSH,
 * clusters through their API), the checks only hosts' facts can answer, and the planner's
 * comparison, as phases returning values; the command renders them.
 */
package dev.labc.runtime.plan;
