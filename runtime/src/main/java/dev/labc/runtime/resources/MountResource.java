package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** A filesystem mounted now and listed in /etc/fstab (one line per mount point, labc's). */
public final class MountResource implements HostResource<HostStep.Mount> {
    private static String line(HostStep.Mount a) {
        return a.source() + " " + a.path() + " " + a.fstype() + " " + a.options() + " 0 0";
    }

    /** fstab without the line for this mount point. */
    private static String others(HostStep.Mount a) {
        return "P=" + q(a.path()) + " awk '$2!=ENVIRON[\"P\"]' /etc/fstab";
    }

    @Override
    public String check(HostStep.Mount a) {
        return "grep -qxF " + q(line(a)) + " /etc/fstab && [ \"$(findmnt -n -o SOURCE,FSTYPE --mountpoint " + q(a.path()) + " | tr -s ' ')\" = "
                + q(a.source() + " " + a.fstype()) + " ]";
    }

    @Override
    public String apply(HostStep.Mount a, SecretResolver secrets) {
        String p = q(a.path());
        return "mkdir -p " + p + " && touch /etc/fstab && { " + others(a) + "; printf '%s\\n' " + q(line(a)) + "; } > /etc/fstab.labc-tmp"
                + " && cat /etc/fstab.labc-tmp > /etc/fstab && rm -f /etc/fstab.labc-tmp"
                + " && { findmnt -n --mountpoint " + p + " >/dev/null && mount -o remount " + p + " || mount " + p + "; }";
    }

    @Override
    public String delete(HostStep.Mount a) {
        String p = q(a.path());
        return "{ ! findmnt -n --mountpoint " + p + " >/dev/null || umount " + p + "; } && { " + others(a)
                + "; } > /etc/fstab.labc-tmp && cat /etc/fstab.labc-tmp > /etc/fstab && rm -f /etc/fstab.labc-tmp";
    }
}
