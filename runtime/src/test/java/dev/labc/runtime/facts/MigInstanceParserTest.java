package dev.labc.runtime.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.labc.facts.MigInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code nvidia-smi mig -lgi} as the facts read it. No capture from a real node is among the
 * fixtures: the table below has the layout of NVIDIA's MIG user guide (an H100 with two 3g.40gb
 * and a 1g.10gb), which the testbed's fake nvidia-smi prints too.
 */
class MigInstanceParserTest {
    static final String LGI = """
            +-------------------------------------------------------+
            | GPU instances:                                        |
            | GPU   Name             Profile  Instance   Placement  |
            |                          ID       ID       Start:Size |
            |=======================================================|
            |   0  MIG 3g.40gb          9        1          4:4     |
            +-------------------------------------------------------+
            |   0  MIG 3g.40gb          9        2          0:4     |
            +-------------------------------------------------------+
            |   1  MIG 1g.10gb         19        9          6:1     |
            +-------------------------------------------------------+
            """;

    @Test
    void eachRowIsAnInstanceWithItsGpuProfileAndPlacement() throws Exception {
        assertEquals(List.of(new MigInstance(0, "3g.40gb", 9, 1, 4, 4), new MigInstance(0, "3g.40gb", 9, 2, 0, 4),
                new MigInstance(1, "1g.10gb", 19, 9, 6, 1)), new MigInstanceParser().parse(LGI));
    }

    @Test
    void noInstancesOrMigOffIsNoInstancesAndAnythingElseIsAParseError() throws Exception {
        assertEquals(List.of(), new MigInstanceParser().parse("No GPU instances found: Not Found\n"));
        assertEquals(List.of(), new MigInstanceParser().parse("No MIG-enabled devices found.\n"));
        assertThrows(FactParseException.class, () -> new MigInstanceParser().parse("Segmentation fault\n"));
    }
}
