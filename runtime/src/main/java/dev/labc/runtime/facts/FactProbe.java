package dev.labc.runtime.facts;

import dev.labc.shell.SecretResolver;
import dev.labc.shell.ShellCommand;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The single batched probe: one POSIX sh script, run in one remote execution per host, that prints
 * every fact section between boundary lines carrying a per-run random nonce, so no file content or
 * tool output can forge or confuse a boundary:
 *
 * <pre>
 * ==labc:&lt;nonce&gt;:begin:&lt;section&gt;==
 * ...the section's stdout, byte for byte...
 * ==labc:&lt;nonce&gt;:end:&lt;section&gt;:&lt;status&gt;==
 * </pre>
 *
 * The end line is preceded by one newline the script adds, so output without a final newline
 * still ends cleanly; {@link FactProbeParser} removes exactly that newline. Status is the exit
 * code, or {@code absent} when the section's presence check failed (no nvidia-smi, no systemd).
 * Each section runs in a subshell with stdin from /dev/null and stderr dropped, so one failing
 * tool cannot stop or corrupt the others. Paths of files the plan touches become {@code file-<n>}
 * sections, quoted by {@link dev.labc.shell.ShellQuote} like every other value.
 */
public final class FactProbe {

    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{16,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A section of the probe: its name in the output and the gatherer that produces and parses it. */
    public record Section(String name, FactGatherer<?> gatherer) {}

    private final String nonce;
    private final List<String> filePaths;
    private final List<Section> sections;

    /** A probe with a fresh random nonce, stat-ing {@code filePaths} besides the standard facts. */
    public static FactProbe create(List<String> filePaths) {
        return new FactProbe(freshNonce(), filePaths, standardGatherers());
    }

    /**
     * The facts the checks before a plan read (clock, machine-id, users and groups, GPUs, the CPUs
     * and memory a Slurm node declares: two quick forks) and
     * {@code filePaths}: the refresh asks every recorded host on every plan, so it leaves out the
     * package list, sysctls, mounts and the rest `labc facts` prints (a quarter of a second of
     * forks per host, most of a no-op's time on many hosts).
     */
    public static FactProbe forChecks(List<String> filePaths) {
        return new FactProbe(freshNonce(), filePaths, List.of(new DateParser(), new HostnameParser(), new MachineIdParser(),
                new PasswdParser(), new GroupParser(), new LscpuParser(), new FreeParser(), new NvidiaSmiXmlParser(), new MigProfileParser()));
    }

    private static String freshNonce() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Fixed nonce: for tests and for re-parsing stored output. */
    public FactProbe(String nonce, List<String> filePaths) {
        this(nonce, filePaths, standardGatherers());
    }

    private FactProbe(String nonce, List<String> filePaths, List<FactGatherer<?>> gatherers) {
        if (!NONCE.matcher(Objects.requireNonNull(nonce, "nonce")).matches()) {
            throw new IllegalArgumentException("nonce must be 16 to 64 lower-case hex digits");
        }
        this.nonce = nonce;
        this.filePaths = List.copyOf(filePaths);
        List<Section> s = new ArrayList<>();
        // The clock first: it is compared with the moment labc sent the probe.
        for (FactGatherer<?> g : gatherers) {
            s.add(new Section(g.id(), g));
        }
        for (int i = 0; i < this.filePaths.size(); i++) {
            s.add(new Section("file-" + i, new FileStatParser(this.filePaths.get(i))));
        }
        this.sections = List.copyOf(s);
    }

    static List<FactGatherer<?>> standardGatherers() {
        return List.of(new DateParser(), new HostnameParser(), new OsReleaseParser(), new MachineIdParser(),
                new UnameParser(), new PasswdParser(), new GroupParser(), new DpkgQueryParser(), new FstabParser(),
                new MountsParser(), new ProcSwapsParser(), new ProcModulesParser(), new SysctlParser(),
                new SystemdUnitsParser(), new SystemdUnitFilesParser(), new LscpuParser(), new LsblkParser(),
                new FreeParser(), new NvidiaSmiXmlParser(), new MigProfileParser(), new MigInstanceParser());
    }

    public String nonce() {
        return nonce;
    }

    public List<String> filePaths() {
        return filePaths;
    }

    public List<Section> sections() {
        return sections;
    }

    String beginLine(String section) {
        return "==labc:" + nonce + ":begin:" + section + "==";
    }

    String endPrefix(String section) {
        return "==labc:" + nonce + ":end:" + section + ":";
    }

    /** The script text, for {@code sh -s} on stdin or for {@link #command()}. */
    public String script() {
        StringBuilder out = new StringBuilder("LC_ALL=C; export LC_ALL\n");
        for (Section section : sections) {
            FactGatherer<?> g = section.gatherer();
            String run = "( " + g.command().render(SecretResolver.NONE) + " ) </dev/null 2>/dev/null; labc_rc=$?";
            out.append("printf '%s\\n' '").append(beginLine(section.name())).append("'\n");
            if (g.presenceCheck().isPresent()) {
                out.append("if ").append(g.presenceCheck().get().render(SecretResolver.NONE))
                        .append(" >/dev/null 2>&1; then ").append(run).append("; else labc_rc=absent; fi\n");
            } else {
                out.append(run).append('\n');
            }
            out.append("printf '\\n%s%s==\\n' '").append(endPrefix(section.name())).append("' \"$labc_rc\"\n");
        }
        return out.toString();
    }

    /** {@code sh -c <script>}: POSIX sh whatever the login shell of the remote user is. */
    public ShellCommand command() {
        return ShellCommand.builder().literal("sh").literal("-c").value(script()).build();
    }
}
