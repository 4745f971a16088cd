/**
 * The type language of .lab: {@link dev.labc.types.Type}, block schemas and the resolution of
 * written type expressions to types. Depends only on syntax and diagnostics.
 */
package dev.labc.types;
