package dev.labc.runtime.state;

import dev.labc.state.State;
import dev.labc.state.StateRef;

/** A state as read from the store, with the revision it was read at (what a plan records). */
public record StateSnapshot(State state, StateRef ref) {}
