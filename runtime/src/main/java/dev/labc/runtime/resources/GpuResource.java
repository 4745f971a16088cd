package dev.labc.runtime.resources;

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
public final class GpuResource implements HostResource {

    @Override
    public String check(Attrs a) {
        var fields = new ArrayList<>(List.of("index"));
        var expected = new ArrayList<String>();
        if (a.has("persistence")) fields.add("persistence_mode");
        if (a.has("power_limit_watts")) fields.add("power.limit");
        for (long i = 0; i < a.num("count"); i++) {
            var row = new ArrayList<>(List.of(Long.toString(i)));
            if (a.has("persistence")) row.add(a.bool("persistence", false) ? "Enabled" : "Disabled");
            if (a.has("power_limit_watts")) row.add(new BigDecimal(a.str("power_limit_watts")).setScale(2, RoundingMode.HALF_UP).toPlainString());
            expected.add(String.join(", ", row));
        }
        ShellCommand read = smi(a).value("--query-gpu=" + String.join(",", fields)).literal("--format=csv,noheader,nounits").build();
        return "[ \"$(" + read.render(SecretResolver.NONE) + ")\" = " + Sh.q(String.join("\n", expected)) + " ]";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        var steps = new ArrayList<String>();
        for (long i = 0; i < a.num("count"); i++) {
            String card = Long.toString(i);
            // Persistence first: without it the driver may unload between calls and forget the limit.
            if (a.has("persistence")) steps.add(set(a, card, "-pm", a.bool("persistence", false) ? "1" : "0"));
            if (a.has("power_limit_watts")) steps.add(set(a, card, "-pl", a.str("power_limit_watts")));
        }
        return steps.isEmpty() ? "true" : String.join(" && ", steps);
    }

    @Override
    public String delete(Attrs a) {
        var steps = new ArrayList<String>();
        for (long i = 0; i < a.num("count"); i++) {
            String card = Long.toString(i);
            if (a.has("power_limit_watts")) {
                ShellCommand defaultLimit = smi(a).literal("-i").value(card)
                        .value("--query-gpu=power.default_limit").literal("--format=csv,noheader,nounits").build();
                steps.add(smi(a).literal("-i").value(card).literal("-pl \"$(").append(defaultLimit).literal(")\"").build().render(SecretResolver.NONE));
            }
            if (a.has("persistence")) steps.add(set(a, card, "-pm", "0"));
        }
        return steps.isEmpty() ? "true" : String.join(" && ", steps);
    }

    private static String set(Attrs a, String card, String option, String value) {
        return smi(a).literal("-i").value(card).literal(option).value(value).build().render(SecretResolver.NONE);
    }

    /** nvidia-smi on the host, or inside the driver root a driver container mounted (the GPU Operator's). */
    private static ShellCommand.Builder smi(Attrs a) {
        var b = ShellCommand.builder();
        if (a.has("driver_root")) b.literal("chroot").value(a.str("driver_root"));
        return b.literal("nvidia-smi");
    }
}
