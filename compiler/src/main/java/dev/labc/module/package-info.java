/**
 * Finding an import's source: {@code std/...} in the stdlib the caller injects (a class loader's
 * resources), anything else relative to the importing file.
 */
package dev.labc.module;
