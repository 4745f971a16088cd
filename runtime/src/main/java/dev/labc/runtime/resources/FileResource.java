package dev.labc.runtime.resources;

import static dev.labc.runtime.resources.Sh.q;

import dev.labc.shell.SecretResolver;

/**
 * A whole file: content, mode, owner and, when declared, group. Written atomically so a reader never sees half a file, nor
 * the file with other permissions; a symlink at the path is replaced, never written through.
 */
public final class FileResource implements HostResource {
    @Override
    public String check(Attrs a) {
        String p = a.str("path");
        // A secret's content is recorded only as a keyed digest, which the host cannot recompute:
        // for those, presence, mode and owner are checked.
        String content = Attrs.isSecret(a.values().get("content")) ? "[ -f " + q(p) + " ]" : Sh.hasContent(p, a.str("content"));
        if (!a.has("group")) return content + " && " + Sh.hasModeAndOwner(p, a.str("mode", "0644"), a.str("owner", "root"));
        return content + " && [ \"$(stat -c '%a %U %G' " + q(p) + ")\" = " + q(Sh.mode(a.str("mode", "0644")) + " " + a.str("owner", "root") + " " + a.str("group")) + " ]";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        String p = a.str("path");
        String content = Attrs.isSecret(a.values().get("content")) ? secrets.resolve("content") : a.str("content");
        // Mode and owner are set on the temporary file, before it takes the path's name. What sat at
        // the path before labc's first write is kept, for delete to put back (Originals).
        String owner = a.str("owner", "root") + (a.has("group") ? ":" + a.str("group") : ""); // one chown argument, quoted whole
        return Originals.keepFile(p) + " && " + Sh.write(p, content, a.str("mode", "0644"), owner);
    }

    @Override
    public String delete(Attrs a) {
        return Originals.restoreFile(a.str("path"));
    }
}
