package dev.ember.flink.golden;

import dev.ember.flink.config.EmberOptions;
import dev.ember.flink.testing.EmberTestSupport;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.table.types.utils.TypeConversions;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ArrayNode;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden cases of {@code substrait-plans/cases/}: the contract between the Java translator and the native side.
 *
 * <p>For each case: (a) stock Flink (Ember off) runs the query on the case's input (a changelog DataStream, so every
 * expression is evaluated at run time, never constant-folded) and must produce {@code expected}, RowKinds and order
 * included; (b) the translator, run on the query's Calc through Ember's planner, must produce {@code plan.json}.
 *
 * <p>{@code -Dember.golden.update=true} (re)writes {@code expected} (from stock Flink, never by hand) and {@code
 * plan.json} instead of asserting them.
 */
class GoldenCaseTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final boolean UPDATE = Boolean.getBoolean("ember.golden.update");

    @TempDir Path dumpDir;

    static Stream<String> cases() throws Exception {
        try (Stream<Path> dirs = Files.list(casesDir())) {
            List<String> names =
                    dirs.filter(d -> Files.exists(d.resolve("case.json")))
                            .map(d -> d.getFileName().toString())
                            .sorted()
                            .collect(Collectors.toList());
            assertThat(names).as("golden cases in " + casesDir()).isNotEmpty();
            return names.stream();
        }
    }

    private static Path casesDir() {
        return Paths.get(System.getProperty("ember.cases.dir", "../substrait-plans/cases")).toAbsolutePath().normalize();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stockFlinkProducesExpected(String name) throws Exception {
        Path caseFile = casesDir().resolve(name).resolve("case.json");
        JsonNode c = MAPPER.readTree(caseFile.toFile());
        RowType sourceType = sourceType(c);

        StreamExecutionEnvironment env = EmberTestSupport.env();
        StreamTableEnvironment tEnv = EmberTestSupport.stockOrHooked(env, true);
        tEnv.getConfig().set(EmberOptions.ENABLED, false);
        registerInput(env, tEnv, sourceType, c.get("input"));
        Table result = tEnv.sqlQuery(c.get("query").asText());
        List<LogicalType> outTypes =
                result.getResolvedSchema().getColumnDataTypes().stream()
                        .map(DataType::getLogicalType)
                        .collect(Collectors.toList());

        List<String> actual = new ArrayList<>();
        try (CloseableIterator<Row> rows = tEnv.toChangelogStream(result).executeAndCollect()) {
            rows.forEachRemaining(r -> actual.add(CaseValues.rowToJson(r, outTypes).toString()));
        }
        if (UPDATE) {
            writeCase(caseFile, c, actual);
            return;
        }
        List<String> expected = new ArrayList<>();
        c.get("expected").forEach(r -> expected.add(r.toString()));
        assertThat(actual).as("stock Flink result of " + name).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatorProducesPlan(String name) throws Exception {
        Path caseDir = casesDir().resolve(name);
        JsonNode c = MAPPER.readTree(caseDir.resolve("case.json").toFile());

        StreamExecutionEnvironment env = EmberTestSupport.env();
        StreamTableEnvironment tEnv = EmberTestSupport.withEmberPlanner(env, true);
        tEnv.getConfig().set(EmberOptions.PLAN_DUMP_DIR, dumpDir.toString());
        registerInput(env, tEnv, sourceType(c), c.get("input"));
        String explain = tEnv.explainSql(c.get("query").asText());

        List<Path> reasons = EmberTestSupport.dumpFiles(dumpDir, ".fallback.txt");
        for (Path reason : reasons) {
            throw new AssertionError("Calc of case " + name + " fell back: " + Files.readString(reason));
        }
        List<Path> plans = EmberTestSupport.dumpFiles(dumpDir, ".json");
        assertThat(plans).as("translated Calcs of " + name + "\n" + explain).hasSize(1);
        String plan = Files.readString(plans.get(0));
        Path golden = caseDir.resolve("plan.json");
        if (UPDATE) {
            Files.writeString(golden, plan);
            return;
        }
        assertThat(plan).as("plan of " + name).isEqualTo(Files.readString(golden));
    }

    private static RowType sourceType(JsonNode c) {
        return (RowType)
                LogicalTypeParser.parse("ROW<" + c.get("source").asText() + ">", GoldenCaseTest.class.getClassLoader());
    }

    /** {@code calc_input}: the case's rows (with RowKinds) as a changelog stream with the declared schema. */
    @SuppressWarnings("unchecked")
    private static void registerInput(
            StreamExecutionEnvironment env, StreamTableEnvironment tEnv, RowType sourceType, JsonNode input) {
        DataType dataType = TypeConversions.fromLogicalToDataType(sourceType);
        List<Row> rows = new ArrayList<>();
        input.forEach(r -> rows.add(CaseValues.rowFromJson(r, sourceType)));
        TypeInformation<Row> typeInfo = (TypeInformation<Row>) (TypeInformation<?>) ExternalTypeInfo.of(dataType);
        tEnv.createTemporaryView(
                "calc_input",
                tEnv.fromChangelogStream(
                        env.fromData(typeInfo, rows.toArray(new Row[0])),
                        Schema.newBuilder().fromRowDataType(dataType).build()));
    }

    /** Rewrites case.json with one row per line (readable diffs), keeping the other fields as they are. */
    private static void writeCase(Path file, JsonNode c, List<String> expected) throws Exception {
        StringBuilder b = new StringBuilder("{\n");
        for (String field : List.of("description", "source", "query")) {
            b.append("  ").append(MAPPER.writeValueAsString(field)).append(": ")
                    .append(MAPPER.writeValueAsString(c.get(field).asText())).append(",\n");
        }
        List<String> input = new ArrayList<>();
        ((ArrayNode) c.get("input")).forEach(r -> input.add(r.toString()));
        rows(b, "input", input).append(",\n");
        rows(b, "expected", expected).append("\n}\n");
        Files.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static StringBuilder rows(StringBuilder b, String name, List<String> rows) {
        b.append("  \"").append(name).append("\": [");
        for (int i = 0; i < rows.size(); i++) {
            b.append(i == 0 ? "\n" : ",\n").append("    ").append(rows.get(i));
        }
        return b.append(rows.isEmpty() ? "]" : "\n  ]");
    }
}
