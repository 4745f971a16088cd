package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;

/**
 * A directory with a mode (four digits for setgid and sticky: 2775, 1777) and, when declared, an
 * owner and a group; deleting removes it only when empty, so no data goes with it.
 */
public final class DirectoryResource implements HostResource<HostStep.Directory> {
    @Override
    public String check(HostStep.Directory a) {
        // Owner and group are compared only when declared: a directory without them plans as before.
        String format = "%a" + a.owner().map(o -> " %U").orElse("") + a.group().map(g -> " %G").orElse("");
        String expected = Sh.mode(a.mode()) + a.owner().map(o -> " " + o).orElse("") + a.group().map(g -> " " + g).orElse("");
        return ShellCommand.builder().literal("[").literal("-d").value(a.path()).literal("]").literal("&&").literal("[")
                .output(ShellCommand.builder().literal("stat").literal("-c").value(format).value(a.path()).build())
                .literal("=").value(expected).literal("]").build().display();
    }

    @Override
    public String apply(HostStep.Directory a, SecretResolver secrets) {
        var b = ShellCommand.builder().literal("mkdir").literal("-p").value(a.path());
        if (a.owner().isPresent() || a.group().isPresent()) {
            b.literal("&&").literal("chown").value(a.owner().orElse("") + a.group().map(g -> ":" + g).orElse("")).value(a.path());
        }
        // chmod after chown (which may clear setgid); five digits, because GNU chmod keeps a
        // directory's setgid bit on a plain `chmod 755` and only `00755` clears it.
        return b.literal("&&").literal("chmod").value(Sh.directoryMode(a.mode())).value(a.path()).build().display();
    }

    @Override
    public String delete(HostStep.Directory a) {
        return ShellCommand.builder().literal("rmdir").value(a.path()).literal("2>/dev/null").literal("||").literal("true").build().display();
    }
}
