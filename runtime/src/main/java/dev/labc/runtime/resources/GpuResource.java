package dev.labc.runtime.resources;

import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One NVIDIA card's settings, by nvidia-smi index: persistence mode ({@code -pm}) and power limit
 * ({@code -pl}, watts). The check reads both back in one query, with the fields and spellings the
 * fact parsers read ({@code persistence_mode}: Enabled/Disabled, {@code power.limit}: watts with
 * two decimals). Deleting returns the card to its defaults: persistence off, the board's default limit.
 */
public final class GpuResource implements HostResource {

    @Override
    public String check(Attrs a) {
        var fields = new ArrayList<String>();
        var expected = new ArrayList<String>();
        if (a.has("persistence")) {
            fields.add("persistence_mode");
            expected.add(a.bool("persistence", false) ? "Enabled" : "Disabled");
        }
        if (a.has("power_limit_watts")) {
            fields.add("power.limit");
            expected.add(new BigDecimal(a.str("power_limit_watts")).setScale(2, RoundingMode.HALF_UP).toPlainString());
        }
        if (fields.isEmpty()) return "true";
        String read = query(a, String.join(",", fields)).render(SecretResolver.NONE);
        return "[ \"$(" + read + ")\" = " + Sh.q(String.join(", ", expected)) + " ]";
    }

    @Override
    public String apply(Attrs a, SecretResolver secrets) {
        var steps = new ArrayList<ShellCommand>();
        // Persistence first: without it the driver may unload between calls and forget the limit.
        if (a.has("persistence")) steps.add(smi(a, "-pm", a.bool("persistence", false) ? "1" : "0"));
        if (a.has("power_limit_watts")) steps.add(smi(a, "-pl", a.str("power_limit_watts")));
        return join(steps);
    }

    @Override
    public String delete(Attrs a) {
        var steps = new ArrayList<String>();
        if (a.has("power_limit_watts")) {
            steps.add(ShellCommand.builder().literal("nvidia-smi -i").value(a.str("index")).literal("-pl \"$(")
                    .append(query(a, "power.default_limit")).literal(")\"").build().render(SecretResolver.NONE));
        }
        if (a.has("persistence")) steps.add(smi(a, "-pm", "0").render(SecretResolver.NONE));
        return steps.isEmpty() ? "true" : String.join(" && ", steps);
    }

    private static ShellCommand smi(Attrs a, String option, String value) {
        return ShellCommand.builder().literal("nvidia-smi -i").value(a.str("index")).literal(option).value(value).build();
    }

    private static ShellCommand query(Attrs a, String fields) {
        return ShellCommand.builder().literal("nvidia-smi -i").value(a.str("index"))
                .value("--query-gpu=" + fields).literal("--format=csv,noheader,nounits").build();
    }

    private static String join(List<ShellCommand> steps) {
        if (steps.isEmpty()) return "true";
        ShellCommand all = steps.getFirst();
        for (ShellCommand next : steps.subList(1, steps.size())) all = all.andThen(next);
        return all.render(SecretResolver.NONE);
    }
}
