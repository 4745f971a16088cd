package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/** A filesystem mounted now and listed in /etc/fstab (one line per mount point, labc's). */
public final class MountResource implements HostResource {
    private static String line(Attrs a) {
        return a.str("source") + " " + a.str("path") + " " + a.str("fstype") + " " + a.str("options", "defaults") + " 0 0";
    }

    /** fstab without the line for this mount point. */
    private static String others(Attrs a) {
        return "P=" + q(a.str("path")) + " awk '$2!=ENVIRON[\"P\"]' /etc/fstab";
    }

    @Override
    public String check(Attrs a) {
        return "grep -qxF " + q(line(a)) + " /etc/fstab && [ \"$(findmnt -n -o SOURCE,FSTYPE --mountpoint " + q(a.str("path")) + " | tr -s ' ')\" = "
                + q(a.str("source") + " " + a.str("fstype")) + " ]";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        String p = q(a.str("path"));
        return "mkdir -p " + p + " && touch /etc/fstab && { " + others(a) + "; printf '%s\\n' " + q(line(a)) + "; } > /etc/fstab.labc-tmp"
                + " && cat /etc/fstab.labc-tmp > /etc/fstab && rm -f /etc/fstab.labc-tmp"
                + " && { findmnt -n --mountpoint " + p + " >/dev/null && mount -o remount " + p + " || mount " + p + "; }";
    }

    @Override
    public String delete(Attrs a) {
        String p = q(a.str("path"));
        return "{ ! findmnt -n --mountpoint " + p + " >/dev/null || umount " + p + "; } && { " + others(a)
                + "; } > /etc/fstab.labc-tmp && cat /etc/fstab.labc-tmp > /etc/fstab && rm -f /etc/fstab.labc-tmp";
    }
}
