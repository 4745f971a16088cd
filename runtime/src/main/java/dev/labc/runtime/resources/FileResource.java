package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/**
 * A whole file: content, mode, owner and, when declared, group. Written atomically so a reader never sees half a file, nor
 * the file with other permissions; a symlink at the path is replaced, never written through.
 */
public final class FileResource implements HostResource<HostStep.File> {
    @Override
    public String check(HostStep.File a) {
        String p = a.path();
        // A secret's content is recorded only as a keyed digest, which the host cannot recompute:
        // for those, presence, mode and owner are checked.
        String content = a.secret() ? "[ -f " + q(p) + " ]" : Sh.hasContent(p, a.text());
        if (!a.group().isPresent()) return content + " && " + Sh.hasModeAndOwner(p, a.mode(), a.owner());
        return content + " && [ \"$(stat -c '%a %U %G' " + q(p) + ")\" = " + q(Sh.mode(a.mode()) + " " + a.owner() + " " + a.group().get()) + " ]";
    }

    @Override
    public String apply(HostStep.File a, SecretResolver secrets) {
        String p = a.path();
        String content = a.secret() ? secrets.resolve("content") : a.text();
        // Mode and owner are set on the temporary file, before it takes the path's name. What sat at
        // the path before labc's first write is kept, for delete to put back (Originals).
        String owner = a.owner() + (a.group().isPresent() ? ":" + a.group().get() : ""); // one chown argument, quoted whole
        return Originals.keepFile(p).display() + " && " + Sh.write(p, content, a.mode(), owner);
    }

    @Override
    public String delete(HostStep.File a) {
        return Originals.restoreFile(a.path()).display();
    }
}
