package dev.labc.runtime.apply;

import dev.labc.addr.ResourceAddr;

/** What happened to one planned change in an apply. */
public sealed interface StepOutcome {
    ResourceAddr addr();

    record Done(ResourceAddr addr) implements StepOutcome {}

    /** {@code reason} is one line, safe to print: it never holds a secret. */
    record Failed(ResourceAddr addr, String reason) implements StepOutcome {}

    /**
     * Not run. {@code asked}: the operator asked for it ({@code --exclude}, {@code --skip-needs}),
     * so the apply still succeeds; otherwise something it needed failed.
     */
    record Skipped(ResourceAddr addr, String reason, boolean asked) implements StepOutcome {
        public Skipped(ResourceAddr addr, String reason) {
            this(addr, reason, false);
        }

        /** An excluded host's steps: its report line says so once, not per step. */
        public static final String EXCLUDED = "host excluded with --exclude";

        public static Skipped asked(ResourceAddr addr, String reason) {
            return new Skipped(addr, reason, true);
        }
    }
}
