package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;
import java.util.List;
import java.util.TreeSet;

/**
 * A user with a fixed UID and primary GID (seed 003: "Ensure User is ID 1001 on every single
 * machine"), supplementary groups, shell and authorized keys. The primary group is created with
 * the user's name when no group has that GID.
 */
public final class UserResource implements HostResource<HostStep.User> {
    @Override
    public String check(HostStep.User a) {
        String n = q(a.name());
        // Groups compared as sets with the primary group on both sides: `id -nG` lists a declared
        // group only once when it is also the primary one (seed 003's users in their own group).
        // Compared in the shell (case patterns are literal where quoted), not with sort and tr: two
        // processes instead of nine on every refresh. labc_* variables are scratch, reset here.
        var declared = new StringBuilder("\" \""); // one shell word: " "'g1'" "'g2'" "$labc_p" "
        var each = new StringBuilder();
        for (String g : new TreeSet<>(a.groups())) {
            declared.append(q(g)).append("\" \"");
            each.append(" && case \"$labc_g\" in *\" \"").append(q(g)).append("\" \"*) ;; *) false;; esac");
        }
        String c = "[ \"$(getent passwd " + n + " | cut -d: -f3,4,7)\" = " + q(a.uid() + ":" + a.gid() + ":" + a.shell()) + " ]"
                + " && labc_g=\" $(id -nG " + n + ") \" && labc_p=$(id -ng " + n + ") && labc_ok=1"
                + " && for labc_w in $labc_g; do case " + declared + "\"$labc_p \" in *\" $labc_w \"*) ;; *) labc_ok=0;; esac; done"
                + " && [ $labc_ok = 1 ]" + each;
        List<String> keys = a.sshKeys();
        if (!keys.isEmpty()) c += " && " + Sh.hasContent(home(a) + "/.ssh/authorized_keys", String.join("\n", keys) + "\n");
        return c;
    }

    private static String home(HostStep.User a) {
        return a.name().equals("root") ? "/root" : "/home/" + a.name();
    }

    @Override
    public String apply(HostStep.User a, SecretResolver secrets) {
        String n = q(a.name());
        long uid = a.uid();
        long gid = a.gid();
        String shell = q(a.shell());
        String groups = q(String.join(",", new TreeSet<>(a.groups())));
        String s = "{ getent group " + gid + " >/dev/null || groupadd -g " + gid + " " + n + "; }"
                + " && if getent passwd " + n + " >/dev/null; then usermod -u " + uid + " -g " + gid + " -s " + shell + " -G " + groups + " " + n
                + "; else useradd -m -u " + uid + " -g " + gid + " -s " + shell + " -G " + groups + " " + n + "; fi";
        List<String> keys = a.sshKeys();
        if (!keys.isEmpty()) {
            String ssh = home(a) + "/.ssh";
            s += " && mkdir -p " + q(ssh) + " && " + Sh.write(ssh + "/authorized_keys", String.join("\n", keys) + "\n")
                    + " && chmod 700 " + q(ssh) + " && chmod 600 " + q(ssh + "/authorized_keys")
                    + " && chown -R " + uid + ":" + gid + " " + q(ssh);
        }
        return s;
    }

    @Override
    public String delete(HostStep.User a) {
        String n = q(a.name());
        return "! getent passwd " + n + " >/dev/null || userdel " + n; // home directories stay: they hold research data
    }
}
