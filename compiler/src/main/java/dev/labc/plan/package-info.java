/**
 * The plan as a value (changes, groups, needs), its rendering for people and its versioned JSON
 * encoding ({@link dev.labc.plan.PlanCodec}), which a saved plan and apply share.
 */
package dev.labc.plan;
