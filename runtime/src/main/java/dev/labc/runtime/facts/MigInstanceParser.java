package dev.labc.runtime.facts;

import dev.labc.facts.MigInstance;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GPU instances of {@code nvidia-smi mig -lgi}: one table row each with GPU, name, profile id,
 * instance id and placement. A node with MIG off or with no instances makes nvidia-smi exit
 * non-zero ("No MIG-enabled devices found", "No GPU instances found"): no instances. Only for
 * `labc facts` (the plan's own read-back of a layout is the `mig` step's check), so a plan's
 * refresh forks no more.
 */
public final class MigInstanceParser implements FactGatherer<List<MigInstance>> {

    private static final Pattern ROW = Pattern.compile("\\|\\s+(\\d+)\\s+MIG\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+):(\\d+)\\s+\\|");

    @Override
    public String id() {
        return "nvidia-mig-instances";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("nvidia-smi", "mig", "-lgi");
    }

    @Override
    public Optional<ShellCommand> presenceCheck() {
        return FactGatherer.programOnPath("nvidia-smi");
    }

    @Override
    public boolean toleratesFailure() {
        return true;
    }

    @Override
    public List<MigInstance> parse(String stdout) throws FactParseException {
        List<MigInstance> out = new ArrayList<>();
        for (String line : Text.lines(stdout)) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                out.add(FactParseException.guard(id(), () -> new MigInstance(Integer.parseInt(m.group(1)), m.group(2),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)))));
            }
        }
        if (out.isEmpty() && !stdout.contains("No MIG") && !stdout.contains("No GPU instances") && !stdout.contains("GPU instances:")) {
            throw new FactParseException(id(), "neither a GPU instance table nor 'No GPU instances found': " + Text.abbreviate(stdout.strip()));
        }
        return out;
    }
}
