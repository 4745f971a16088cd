/**
 * Host resources as shell: for each resource type, the probe that reads it and the commands that
 * change it, built with {@code dev.labc.shell} so every value is quoted by the one audited function.
 */
package dev.labc.runtime.resources;
