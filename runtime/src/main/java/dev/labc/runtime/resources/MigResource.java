package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;
import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The declared MIG layout on each of cards 0 to {@code count - 1}: the GPU instances that
 * {@code nvidia-smi mig -lgi} lists, by profile name, are the declared ones, and each has a compute
 * instance ({@code -lci}). A card that differs (an instance destroyed or added by hand) is
 * partitioned again whole: its compute and GPU instances destroyed ({@code -dci}, {@code -dgi}),
 * then the layout created ({@code -cgi <profiles> -C}), because where an instance fits depends on
 * the others. Only the declared cards are touched. Needs MIG mode current on the card: apply says
 * so plainly when it is still pending.
 */
public final class MigResource implements HostResource<HostStep.Mig> {

    @Override
    public String check(HostStep.Mig m) {
        var each = new ArrayList<String>();
        for (long i = 0; i < m.count(); i++) each.add(matches(m, Long.toString(i)));
        return each.isEmpty() ? "true" : String.join(" && ", each);
    }

    @Override
    public String apply(HostStep.Mig m, SecretResolver secrets) {
        var each = new ArrayList<String>();
        for (long i = 0; i < m.count(); i++) {
            String card = Long.toString(i);
            String current = smi(m.driverRoot()).literal("-i").value(card)
                    .literal("--query-gpu=mig.mode.current --format=csv,noheader,nounits").build().render(SecretResolver.NONE);
            String create = smi(m.driverRoot()).literal("mig -i").value(card).literal("-cgi").value(String.join(",", m.profiles()))
                    .literal("-C").build().render(SecretResolver.NONE);
            each.add("{ [ \"$(" + current + ")\" = Enabled ] || { echo " + Sh.q("MIG mode is not current on GPU " + card
                    + " yet: it takes effect after a GPU reset or reboot") + " >&2; false; }; } && "
                    + "{ " + matches(m, card) + " || { " + destroy(m.driverRoot(), card) + " && " + create + "; }; }");
        }
        return each.isEmpty() ? "true" : String.join(" && ", each);
    }

    @Override
    public String delete(HostStep.Mig m) {
        var each = new ArrayList<String>();
        for (long i = 0; i < m.count(); i++) each.add(destroy(m.driverRoot(), Long.toString(i)));
        return each.isEmpty() ? "true" : String.join(" && ", each);
    }

    /** Exits 0 when the card's GPU instances are the declared profiles and each has a compute instance. */
    private static String matches(HostStep.Mig m, String card) {
        var sorted = new ArrayList<>(m.profiles());
        sorted.sort(null);
        String expected = sorted.stream().map(p -> p + " ").reduce("", String::concat);
        return "[ \"$(" + list(m.driverRoot(), card, "-lgi") + " | awk '$3 == \"MIG\" { print $4 }' | LC_ALL=C sort | tr '\\n' ' ')\" = " + Sh.q(expected)
                + " ] && [ \"$(" + list(m.driverRoot(), card, "-lci") + " | awk '$4 == \"MIG\"' | wc -l | tr -d ' ')\" = " + sorted.size() + " ]";
    }

    /** Destroys the card's compute instances, then its GPU instances, each only when there are some (nvidia-smi fails on none). */
    private static String destroy(Optional<String> root, String card) {
        var steps = new ArrayList<String>();
        for (String[] kind : List.of(new String[] {"-lci", "-dci"}, new String[] {"-lgi", "-dgi"})) {
            String remove = smi(root).literal("mig -i").value(card).literal(kind[1]).build().render(SecretResolver.NONE);
            steps.add("{ ! " + list(root, card, kind[0]) + " | grep -q ' MIG ' || " + remove + "; }");
        }
        return String.join(" && ", steps);
    }

    private static String list(Optional<String> root, String card, String what) {
        return smi(root).literal("mig -i").value(card).literal(what).build().render(SecretResolver.NONE) + " 2>/dev/null";
    }

    /** nvidia-smi on the host, or inside the driver root a driver container mounted (the GPU Operator's). */
    static ShellCommand.Builder smi(Optional<String> driverRoot) {
        var b = ShellCommand.builder();
        driverRoot.ifPresent(r -> b.literal("chroot").value(r));
        return b.literal("nvidia-smi");
    }
}
