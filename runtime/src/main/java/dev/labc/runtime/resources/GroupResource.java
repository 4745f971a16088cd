package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;

/** A group with a fixed GID: the same on every node, so shared files keep their group. */
public final class GroupResource implements HostResource<HostStep.Group> {
    @Override
    public String check(HostStep.Group a) {
        return ShellCommand.builder().literal("[").output(ShellCommand.builder().literal("getent").literal("group").value(a.name())
                .literal("|").literal("cut").literal("-d:").literal("-f3").build()).literal("=").value(Long.toString(a.gid())).literal("]").build().display();
    }

    @Override
    public String apply(HostStep.Group a, SecretResolver secrets) {
        String gid = Long.toString(a.gid());
        return ShellCommand.builder().literal("if").literal("getent").literal("group").value(a.name()).literal(">/dev/null;").literal("then")
                .literal("groupmod").literal("-g").value(gid).value(a.name()).literal(";").literal("else")
                .literal("groupadd").literal("-g").value(gid).value(a.name()).literal(";").literal("fi").build().display();
    }

    @Override
    public String delete(HostStep.Group a) {
        return ShellCommand.builder().literal("!").literal("getent").literal("group").value(a.name()).literal(">/dev/null").literal("||")
                .literal("groupdel").value(a.name()).build().display();
    }
}
