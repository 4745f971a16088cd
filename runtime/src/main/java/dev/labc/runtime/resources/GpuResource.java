package dev.labc.runtime.resources;

import dev.labc.plan.HostStep;

import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's NVIDIA cards' settings, for cards 0 to {@code count - 1} by nvidia-smi index:
 * persistence mode ({@code -pm}) and power limit ({@code -pl}, watts). The check reads every card
 * back in one query, with the fields and spellings the fact parsers read ({@code persistence_mode}:
 * Enabled/Disabled, {@code power.limit}: watts with two decimals), so a card that lost its limit
 * or fell off the bus is drift. Deleting returns the cards to their defaults: persistence off,
 * the board's default limit. With {@code driver_root} (the GPU Operator's driver container) nvidia-smi
 * runs chrooted there.
 */
public final class GpuResource implements HostResource<HostStep.Gpu> {

    @Override
    public String check(HostStep.Gpu a) {
        var fields = new ArrayList<>(List.of("index"));
        var expected = new ArrayList<String>();
        if (a.persistence().isPresent()) fields.add("persistence_mode");
        if (a.powerLimitWatts().isPresent()) fields.add("power.limit");
        for (long i = 0; i < a.count(); i++) {
            var row = new ArrayList<>(List.of(Long.toString(i)));
            if (a.persistence().isPresent()) row.add(a.persistence().orElse(false) ? "Enabled" : "Disabled");
            if (a.powerLimitWatts().isPresent()) row.add(new BigDecimal(a.powerLimitWatts().get()).setScale(2, RoundingMode.HALF_UP).toPlainString());
            expected.add(String.join(", ", row));
        }
        ShellCommand read = smi(a).value("--query-gpu=" + String.join(",", fields)).literal("--format=csv,noheader,nounits").build();
        return "[ \"$(" + read.render(SecretResolver.NONE) + ")\" = " + Sh.q(String.join("\n", expected)) + " ]";
    }

    @Override
    public String apply(HostStep.Gpu a, SecretResolver secrets) {
        var steps = new ArrayList<String>();
        for (long i = 0; i < a.count(); i++) {
            String card = Long.toString(i);
            // Persistence first: without it the driver may unload between calls and forget the limit.
            if (a.persistence().isPresent()) steps.add(set(a, card, "-pm", a.persistence().orElse(false) ? "1" : "0"));
            if (a.powerLimitWatts().isPresent()) steps.add(set(a, card, "-pl", a.powerLimitWatts().get()));
        }
        return steps.isEmpty() ? "true" : String.join(" && ", steps);
    }

    @Override
    public String delete(HostStep.Gpu a) {
        var steps = new ArrayList<String>();
        for (long i = 0; i < a.count(); i++) {
            String card = Long.toString(i);
            if (a.powerLimitWatts().isPresent()) {
                ShellCommand defaultLimit = smi(a).literal("-i").value(card)
                        .value("--query-gpu=power.default_limit").literal("--format=csv,noheader,nounits").build();
                steps.add(smi(a).literal("-i").value(card).literal("-pl \"$(").append(defaultLimit).literal(")\"").build().render(SecretResolver.NONE));
            }
            if (a.persistence().isPresent()) steps.add(set(a, card, "-pm", "0"));
        }
        return steps.isEmpty() ? "true" : String.join(" && ", steps);
    }

    private static String set(HostStep.Gpu a, String card, String option, String value) {
        return smi(a).literal("-i").value(card).literal(option).value(value).build().render(SecretResolver.NONE);
    }

    /** nvidia-smi on the host, or inside the driver root a driver container mounted (the GPU Operator's). */
    private static ShellCommand.Builder smi(HostStep.Gpu a) {
        var b = ShellCommand.builder();
        if (a.driverRoot().isPresent()) b.literal("chroot").value(a.driverRoot().get());
        return b.literal("nvidia-smi");
    }
}
