/**
 * Planning: the resource graph compared with recorded state and facts, giving the plan's
 * changes, and the values an apply records back. Pure: reads nothing but its arguments.
 */
package dev.labc.planner;
