package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/**
 * Lines between {@code # BEGIN labc <marker>} and {@code # END labc <marker>} in a file labc does not
 * own (/etc/hosts). The rest of the file is kept; the file is rewritten in place because /etc/hosts
 * is often a bind mount that cannot be renamed over.
 */
public final class BlockResource implements HostResource<HostStep.Block> {
    private static String begin(HostStep.Block a) {
        return "# BEGIN " + a.marker();
    }

    private static String end(HostStep.Block a) {
        return "# END " + a.marker();
    }

    private static String body(HostStep.Block a) {
        String c = a.content();
        return c.isEmpty() || c.endsWith("\n") ? c : c + "\n";
    }

    /** Prints the current block (markers included) using awk with the markers from the environment. */
    private static String extract(HostStep.Block a) {
        return "B=" + q(begin(a)) + " E=" + q(end(a)) + " awk '$0==ENVIRON[\"B\"]{on=1} on{print} $0==ENVIRON[\"E\"]{on=0}' " + q(a.path());
    }

    @Override
    public String check(HostStep.Block a) {
        String expected = begin(a) + "\n" + body(a) + end(a) + "\n";
        return "[ -f " + q(a.path()) + " ] && [ \"$(" + extract(a) + " | sha256sum)\" = " + Sh.digestOfStdin(expected) + " ]";
    }

    @Override
    public String apply(HostStep.Block a, SecretResolver secrets) {
        String p = a.path();
        String tmp = p + ".labc-tmp";
        String block = begin(a) + "\n" + body(a) + end(a) + "\n";
        return "touch " + q(p) + " && { " + without(a) + "; printf %s " + q(block) + "; } > " + q(tmp)
                + " && cat " + q(tmp) + " > " + q(p) + " && rm -f " + q(tmp);
    }

    private static String without(HostStep.Block a) {
        return "B=" + q(begin(a)) + " E=" + q(end(a)) + " awk '$0==ENVIRON[\"B\"]{skip=1;next} $0==ENVIRON[\"E\"]{skip=0;next} !skip' " + q(a.path());
    }

    @Override
    public String delete(HostStep.Block a) {
        String p = a.path();
        String tmp = p + ".labc-tmp";
        return "[ ! -f " + q(p) + " ] || { " + without(a) + " > " + q(tmp) + " && cat " + q(tmp) + " > " + q(p) + " && rm -f " + q(tmp) + "; }";
    }
}
