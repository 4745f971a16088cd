/**
 * The one JSON form of recorded values ({@code $secret} digests, {@code $content} references to
 * large texts, maps as objects), shared by state files ({@code dev.labc.state.file}) and saved plans
 * ({@code dev.labc.plan}); apart from both so neither format depends on the other.
 */
package dev.labc.state.codec;
