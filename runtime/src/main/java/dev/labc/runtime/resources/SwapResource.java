package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import dev.labc.shell.SecretResolver;

/** Swap off now (swapoff -a) and after reboot (swap lines in /etc/fstab commented out). */
public final class SwapResource implements HostResource<HostStep.Swap> {
    private static final String FSTAB_SWAP = "'^[^#][^[:space:]]*[[:space:]]+[^[:space:]]+[[:space:]]+swap[[:space:]]'";

    @Override
    public String check(HostStep.Swap a) {
        if (a.enabled()) return "true";
        return "[ \"$(tail -n +2 /proc/swaps | wc -l)\" = 0 ] && ! grep -Eq " + FSTAB_SWAP + " /etc/fstab 2>/dev/null";
    }

    @Override
    public String apply(HostStep.Swap a, SecretResolver secrets) {
        if (a.enabled()) return "true";
        return "swapoff -a && { [ ! -f /etc/fstab ] || sed -i -E 's/^([^#][^[:space:]]*[[:space:]]+[^[:space:]]+[[:space:]]+swap[[:space:]].*)$/# labc: swap off # \\1/' /etc/fstab; }";
    }

    @Override
    public String delete(HostStep.Swap a) {
        return "true"; // labc stops managing swap; it does not turn it back on
    }
}
