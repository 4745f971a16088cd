package dev.labc.runtime.facts;

import dev.labc.facts.MigProfile;
import dev.labc.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GPU instance profile table of {@code nvidia-smi mig -lgip}. Each profile takes two table
 * rows; the first holds GPU, name, id, free/total instances, memory (GiB) and SM count. A GPU
 * without MIG makes nvidia-smi exit non-zero with "No MIG-supported devices found": no profiles.
 */
public final class MigProfileParser implements FactGatherer<List<MigProfile>> {

    private static final Pattern ROW = Pattern.compile(
            "\\|\\s+(\\d+)\\s+MIG\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)/(\\d+)\\s+(\\d+(?:\\.\\d+)?)\\s+\\S+\\s+(\\d+)\\s+.*\\|");

    @Override
    public String id() {
        return "nvidia-mig";
    }

    @Override
    public ShellCommand command() {
        return ShellCommand.of("nvidia-smi", "mig", "-lgip");
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
    public List<MigProfile> parse(String stdout) throws FactParseException {
        List<MigProfile> profiles = new ArrayList<>();
        for (String line : Text.lines(stdout)) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                profiles.add(FactParseException.guard(id(), () -> new MigProfile(
                        Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        Double.parseDouble(m.group(6)), Integer.parseInt(m.group(7)))));
            }
        }
        if (profiles.isEmpty() && !stdout.contains("No MIG-supported devices") && !stdout.contains("GPU instance profiles")) {
            throw new FactParseException(id(), "neither a profile table nor 'No MIG-supported devices': "
                    + Text.abbreviate(stdout.strip()));
        }
        return profiles;
    }
}
