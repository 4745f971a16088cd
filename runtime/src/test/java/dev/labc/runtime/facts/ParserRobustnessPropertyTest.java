package dev.labc.runtime.facts;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/** Whatever a host prints, a parser answers with a value or a FactParseException, never an unchecked crash. */
class ParserRobustnessPropertyTest {

    static List<FactGatherer<?>> allGatherers() {
        List<FactGatherer<?>> all = new ArrayList<>(FactProbe.standardGatherers());
        all.add(new NvidiaSmiQueryParser());
        all.add(new FileStatParser("/etc/hostname"));
        return all;
    }

    @Property(tries = 300)
    void garbageGivesATypedErrorOrAValue(@ForAll("hostile") String output) {
        for (FactGatherer<?> g : allGatherers()) {
            try {
                g.parse(output);
            } catch (FactParseException expected) {
                // typed: fine
            } catch (RuntimeException e) {
                throw new AssertionError(g.id() + " crashed on " + output.replace("\n", "\\n") + ": " + e, e);
            }
        }
    }

    @Example
    void emptyOutputIsAnErrorWhereEveryHostHasTheFact() {
        for (FactGatherer<?> g : List.of(new HostnameParser(), new OsReleaseParser(), new PasswdParser(),
                new GroupParser(), new MountsParser(), new ProcSwapsParser(), new DateParser(), new UnameParser(),
                new LscpuParser(), new LsblkParser(), new FreeParser(), new NvidiaSmiXmlParser(),
                new NvidiaSmiQueryParser(), new MigProfileParser(), new MigInstanceParser(), new SysctlParser(), new DpkgQueryParser(),
                new FileStatParser("/x"))) {
            var e = assertThrows(FactParseException.class, () -> g.parse(""), g.id());
            assertTrue(e.getMessage().startsWith(g.id()), e.getMessage());
        }
    }

    @Example
    void xmlExternalEntitiesAreNotResolved() throws Exception {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE nvidia_smi_log [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
                <nvidia_smi_log><driver_version>&leak;</driver_version><cuda_version>13.0</cuda_version></nvidia_smi_log>
                """;
        try {
            var n = new NvidiaSmiXmlParser().parse(xxe);
            assertTrue(n.driverVersion() == null || !n.driverVersion().contains("root:"), n.driverVersion());
        } catch (FactParseException refused) {
            // refusing the document is as good as not resolving it
        }
    }

    /** Fragments of every format the parsers read, shuffled with noise. */
    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> fragments = Arbitraries.of(
                "root:x:0:0:root:/root:/bin/bash", "a:b:c", "::::::", "x:x:notanumber:0:::", "adm:x:4:",
                "libc6\t2.36\tii ", "pkg\t\t", "a\tb\tZZ", "Filename Type Size Used Priority", "/dev/sda partition x y z",
                "nvidia 1 - - Live 0x0", "m x y", "vm.swappiness = 60", "key =", " = ", "ID=ubuntu", "ID=", "=x",
                "{\"lscpu\":[{\"field\":\"CPU(s):\",\"data\":\"x\"}]}", "{\"blockdevices\":[{\"name\":\"a\",\"size\":\"-1\"}]}",
                "{\"blockdevices\":[{}]}", "{", "[]", "null", "<nvidia_smi_log><gpu><uuid>u</uuid></gpu></nvidia_smi_log>",
                "<nvidia_smi_log><gpu><uuid>u</uuid><product_name>p</product_name><fb_memory_usage><total>x MiB</total></fb_memory_usage></gpu></nvidia_smi_log>",
                "<a>", "0, GPU-x, H100, abc MiB", "index, uuid", "0,,,", "|   0  MIG 1g.10gb  19  7/7  9.75  No  16  1  0  |",
                "|   0  MIG 1g.10gb  99999999999  7/7  9.75  No  16  1  0  |",
                "present", "regular file", "0644", "root", "notasize", "abc", "missing", "Mem: 1 2 3", "total used free",
                "              total        used", "Mem:", "Swap: x", "1795345380.x", "99999999999999999999",
                "proc /proc proc rw 0 0", "a b c d e f g", "UUID=x / ext4 defaults x y", "● a.service loaded",
                "", " ", "\t", "\n", "\u0000", "é", "💥");
        return net.jqwik.api.Combinators.combine(fragments.list().ofMaxSize(12), Arbitraries.of("\n", " ", ""))
                .as((parts, separator) -> String.join(separator, parts));
    }
}
