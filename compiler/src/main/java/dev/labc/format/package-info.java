/**
 * The canonical formatter behind {@code labc fmt}: a syntax tree, comments kept, printed in the
 * one layout; formatting its own output changes nothing.
 */
package dev.labc.format;
