package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/**
 * Lines between {@code # BEGIN labc <marker>} and {@code # END labc <marker>} in a file labc does not
 * own (/etc/hosts). The rest of the file is kept; the file is rewritten in place because /etc/hosts
 * is often a bind mount that cannot be renamed over.
 */
public final class BlockResource implements HostResource {
    private static String begin(Attrs a) {
        return "# BEGIN " + a.str("marker");
    }

    private static String end(Attrs a) {
        return "# END " + a.str("marker");
    }

    private static String body(Attrs a) {
        String c = a.str("content");
        return c.isEmpty() || c.endsWith("\n") ? c : c + "\n";
    }

    /** Prints the current block (markers included) using awk with the markers from the environment. */
    private static String extract(Attrs a) {
        return "B=" + q(begin(a)) + " E=" + q(end(a)) + " awk '$0==ENVIRON[\"B\"]{on=1} on{print} $0==ENVIRON[\"E\"]{on=0}' " + q(a.str("path"));
    }

    @Override
    public String check(Attrs a) {
        String expected = begin(a) + "\n" + body(a) + end(a) + "\n";
        return "[ -f " + q(a.str("path")) + " ] && [ \"$(" + extract(a) + " | sha256sum)\" = " + Sh.digestOfStdin(expected) + " ]";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        String p = a.str("path");
        String tmp = p + ".labc-tmp";
        String block = begin(a) + "\n" + body(a) + end(a) + "\n";
        return "touch " + q(p) + " && { " + without(a) + "; printf %s " + q(block) + "; } > " + q(tmp)
                + " && cat " + q(tmp) + " > " + q(p) + " && rm -f " + q(tmp);
    }

    private static String without(Attrs a) {
        return "B=" + q(begin(a)) + " E=" + q(end(a)) + " awk '$0==ENVIRON[\"B\"]{skip=1;next} $0==ENVIRON[\"E\"]{skip=0;next} !skip' " + q(a.str("path"));
    }

    @Override
    public String delete(Attrs a) {
        String p = a.str("path");
        String tmp = p + ".labc-tmp";
        return "[ ! -f " + q(p) + " ] || { " + without(a) + " > " + q(tmp) + " && cat " + q(tmp) + " > " + q(p) + " && rm -f " + q(tmp) + "; }";
    }
}
