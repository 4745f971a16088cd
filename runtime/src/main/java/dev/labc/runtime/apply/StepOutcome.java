package dev.labc.runtime.apply;

import dev.labc.addr.ResourceAddr;

/** What happened to one planned change in an apply. */
public sealed interface StepOutcome {
    ResourceAddr addr();

    record Done(ResourceAddr addr) implements StepOutcome {}

    /** {@code reason} is one line, safe to print: it never holds a secret. */
    record Failed(ResourceAddr addr, String reason) implements StepOutcome {}

    record Skipped(ResourceAddr addr, String reason) implements StepOutcome {}
}
