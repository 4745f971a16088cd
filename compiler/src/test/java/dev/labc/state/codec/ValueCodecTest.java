package dev.labc.state.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labc.addr.ResourceAddr;
import dev.labc.plan.Action;
import dev.labc.plan.Change;
import dev.labc.plan.Plan;
import dev.labc.plan.PlanCodec;
import dev.labc.state.Lineage;
import dev.labc.state.ResourceState;
import dev.labc.state.SecretHasher;
import dev.labc.state.State;
import dev.labc.state.Value;
import dev.labc.state.file.StateCodec;
import dev.labc.state.file.StateCodecPropertyTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * State files and saved plans write a value the same way ({@link ValueCodec}), and plans written by
 * earlier labc versions (format 1 and 2, {@code src/test/resources/plan-legacy/}, made by the codec
 * of the day) still read to the values they held.
 */
class ValueCodecTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ResourceAddr ADDR = ResourceAddr.parse("node.a.file[\"/etc/x\"]");

  @Provide
  Arbitrary<Value> values() {
    return StateCodecPropertyTest.values(3);
  }

  @Property(tries = 300)
  void stateAndPlanWriteAValueAlike(@ForAll("values") Value value) throws Exception {
    var state = State.empty(new Lineage("00000000-0000-4000-8000-000000000000"))
        .with(new ResourceState(ADDR, "file", 0, new TreeMap<>(Map.of("v", value)), List.of(), dev.labc.state.ResourceStatus.READY));
    var files = StateCodec.encode(state);
    JsonNode inState = JSON.readTree(files.get(StateCodec.scopeFile(ADDR.scope())))
        .get("resources").get(ADDR.toString()).get("attributes").get("v");

    var plan = new Plan(Plan.FORMAT_VERSION, "test", "cluster.lab", "sha256:0", null, 0,
        List.of(new Change(ADDR, "file", Action.CREATE, new TreeMap<>(), new TreeMap<>(Map.of("v", value)), new TreeSet<>(), List.of())));
    String planJson = PlanCodec.encode(plan);
    JsonNode inPlan = JSON.readTree(planJson).get("changes").get(0).get("after").get("v");

    // State goes through toJson, a plan through write: the two must agree.
    assertEquals(inState, inPlan, "one value, two encodings");
    assertEquals(value, StateCodec.decode(files).resources().get(ADDR).attributes().get("v"));
    assertEquals(value, PlanCodec.decode(planJson, "plan.json").changes().get(0).after().get("v"));
  }

  /** The values the fixtures hold: written with these by the codec of commit 9003334, before ValueCodec. */
  static Map<String, Value> legacyAfter(boolean large) {
    var hasher = new SecretHasher(new byte[32]);
    var dict = new TreeMap<String, Value>();
    dict.put("plain", Value.of("x"));
    dict.put("$dollar", Value.of(3));
    dict.put("secret", hasher.digest("hunter2"));
    dict.put("dict", Value.of(true));
    var after = new TreeMap<String, Value>();
    after.put("content", Value.of("short text"));
    after.put("token", hasher.digest("tskey-abc"));
    after.put("labels", new Value.Dict(dict));
    after.put("list", new Value.Array(List.of(Value.of(1), new Value.Num(new BigDecimal("2.5")), Value.Null.NULL, Value.of(false), hasher.digest("s"))));
    if (large) {
      String big = "line of a large text\n".repeat(300);
      after.put("content", Value.of(big));
      after.put("nested", new Value.Array(List.of(Value.of(big))));
    }
    return after;
  }

  static String fixture(String name) throws IOException {
    return Files.readString(Path.of("src/test/resources/plan-legacy").resolve(name), StandardCharsets.UTF_8);
  }

  @Example
  void aVersion1PlanFromEarlierLabcIsRead() throws Exception {
    String old = fixture("plan-v1.json");
    assertTrue(old.contains("\"format_version\" : \"1\"") && old.contains("\"dict\" : true"), "the fixture is the old format");
    Plan plan = PlanCodec.decode(old, "plan-v1.json");
    assertEquals(legacyAfter(false), plan.changes().get(0).after());
    // Written again, it is the current format, and reads back to the same plan.
    String now = PlanCodec.encode(plan);
    assertTrue(now.contains("\"format_version\" : \"" + Plan.FORMAT_VERSION + "\"") && now.contains("\"$secret\""), now);
    assertFalse(now.contains("\"fields\""), now);
    assertEquals(plan.changes(), PlanCodec.decode(now, "plan.json").changes());
  }

  @Example
  void aVersion2PlanWithItsContentsTableFromEarlierLabcIsRead() throws Exception {
    String old = fixture("plan-v2.json");
    assertTrue(old.contains("\"format_version\" : \"2\"") && old.contains("\"contents\""), "the fixture is the old format");
    Plan plan = PlanCodec.decode(old, "plan-v2.json");
    assertEquals(legacyAfter(true), plan.changes().get(1).after());
    assertEquals(Value.of("old"), plan.changes().get(1).before().get("content"));
    assertEquals("00000000-0000-4000-8000-000000000000", plan.priorLineage());
    assertEquals(plan.changes(), PlanCodec.decode(PlanCodec.encode(plan), "plan.json").changes());
  }

  @Example
  void aKeyThatLooksLikeAMarkerIsNeverReadAsOne() throws Exception {
    var dict = new Value.Dict(new TreeMap<>(Map.of("$secret", Value.of("not a digest"), "$$content", Value.of(1))));
    JsonNode json = ValueCodec.toJson(dict);
    assertEquals("{\"$$$content\":1,\"$$secret\":\"not a digest\"}", JSON.writeValueAsString(json));
    assertEquals(dict, ValueCodec.fromJson(json, new ValueCodec.Texts() {
      @Override public Value.Text text(String s) { return new Value.Text(s); }

      @Override public Value.Text content(String digest) { throw new AssertionError("no content here"); }
    }));
  }
}
