/**
 * The resource graph: each evaluated entity expanded into the resources and host steps that
 * realise it (one Expansion per stdlib kind, Kubernetes objects included), with their order.
 */
package dev.labc.graph;
