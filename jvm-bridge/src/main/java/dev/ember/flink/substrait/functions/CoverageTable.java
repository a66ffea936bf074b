package dev.ember.flink.substrait.functions;

import dev.ember.flink.substrait.types.SubstraitTypes;

import org.apache.flink.table.functions.BuiltInFunctionDefinition;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionKind;
import org.apache.flink.table.planner.functions.sql.FlinkSqlOperatorTable;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BinaryType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DayTimeIntervalType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.SmallIntType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.TinyIntType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.table.types.logical.VariantType;
import org.apache.flink.table.types.logical.YearMonthIntervalType;
import org.apache.flink.table.types.logical.ZonedTimestampType;

import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlTableFunction;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coverage table of {@code docs/coverage.md}, generated from the code that decides it: every built-in scalar
 * function of Flink 2.3.0 (Flink's SQL operator table and its built-in function definitions) looked up in {@link
 * FunctionRegistry}, with the Flink semantics the native side reproduces (from the extension YAML, itself generated
 * from the native table) or the reason it stays stock; and every Flink type through {@link SubstraitTypes}.
 * {@code CoverageTableTest} fails when the checked-in file differs from this output.
 */
public final class CoverageTable {

    private static final Pattern YAML_FUNCTION =
            Pattern.compile("- name: \"([^\"]+)\"\\n\\s+description: \"((?:[^\"\\\\]|\\\\.)*)\"");

    private CoverageTable() {}

    /** Operators of Flink's table that are not scalar functions (query structure, MATCH_RECOGNIZE navigation). */
    private static final Set<SqlKind> NOT_SCALAR = EnumSet.of(
            SqlKind.UNION, SqlKind.EXCEPT, SqlKind.INTERSECT, SqlKind.DESCENDING, SqlKind.NULLS_FIRST,
            SqlKind.NULLS_LAST, SqlKind.AS, SqlKind.IGNORE_NULLS, SqlKind.RESPECT_NULLS, SqlKind.SCALAR_QUERY,
            SqlKind.EXISTS, SqlKind.DESCRIPTOR, SqlKind.PREV, SqlKind.NEXT, SqlKind.FIRST, SqlKind.LAST,
            SqlKind.CLASSIFIER, SqlKind.FINAL, SqlKind.RUNNING, SqlKind.SKIP_TO_FIRST, SqlKind.SKIP_TO_LAST,
            SqlKind.TUMBLE, SqlKind.HOP, SqlKind.SESSION, SqlKind.TUMBLE_START, SqlKind.TUMBLE_END,
            SqlKind.HOP_START, SqlKind.HOP_END, SqlKind.SESSION_START, SqlKind.SESSION_END);

    /** How Ember treats one SQL-visible function name: its Substrait name if native, else why it stays stock. */
    private record Line(String substraitName, String description, String stockReason) {}

    /** The markdown document; {@code yaml} is the text of {@code functions_flink.yaml}. */
    public static String markdown(String yaml) {
        Map<String, String> descriptions = new TreeMap<>();
        Matcher m = YAML_FUNCTION.matcher(yaml);
        while (m.find()) {
            descriptions.put(m.group(1), m.group(2));
        }
        FunctionRegistry registry = FunctionRegistry.create();
        Map<String, Line> functions = new TreeMap<>();
        for (SqlOperator op : FlinkSqlOperatorTable.instance(false).getOperatorList()) {
            if (op instanceof SqlAggFunction || op instanceof SqlTableFunction || NOT_SCALAR.contains(op.getKind())) {
                continue;
            }
            add(functions, op.getName(), registry.lookup(op), descriptions, registry.stockReason(op));
        }
        for (BuiltInFunctionDefinition def : BuiltInFunctionDefinitions.getDefinitions()) {
            if (def.getKind() != FunctionKind.SCALAR || def.isInternal() || def.getSqlName() == null) {
                continue;
            }
            add(functions, def.getSqlName(), registry.lookup(def), descriptions, registry.stockReason(def));
        }

        long natives = functions.values().stream().filter(l -> l.substraitName != null).count();
        StringBuilder out = new StringBuilder();
        out.append("# Native coverage: Flink 2.3.0 built-in scalar functions and types\n\n");
        out.append("<!-- GENERATED by CoverageTableTest (mvn test -Dtest=CoverageTableTest -Dember.coverage.update=true)\n");
        out.append("     from FunctionRegistry.java, functions_flink.yaml and SubstraitTypes.java. Do not edit. -->\n\n");
        out.append("A Calc runs natively when every expression in it does; otherwise it stays a stock Flink operator and\n");
        out.append("the log names the first reason. \"Native\" means: registered on both sides; each implementation may\n");
        out.append("still refuse particular argument types or non-literal arguments at planning time (then the Calc\n");
        out.append("stays stock with that reason). Every native function is checked against stock Flink by the\n");
        out.append("differential corpus (`jvm-bridge/src/test/resources/corpus/`).\n\n");
        out.append(String.format("**%d of %d** SQL-visible built-in scalar functions and operators run natively.%n%n",
                natives, functions.size()));

        out.append("## Types\n\n| Flink type | native | why not |\n|---|---|---|\n");
        for (LogicalType type : sampleTypes()) {
            String reason = SubstraitTypes.unsupportedReason(type);
            out.append("| `").append(type.asSummaryString()).append("` | ")
                    .append(reason == null ? "yes" : "no").append(" | ")
                    .append(reason == null ? "" : escape(reason)).append(" |\n");
        }

        out.append("\n## Functions\n\n| function | native | Substrait function | Flink semantics reproduced, or why it stays stock |\n");
        out.append("|---|---|---|---|\n");
        functions.forEach((name, line) -> {
            out.append("| `").append(escape(name)).append("` | ");
            if (line.substraitName != null) {
                out.append("yes | `").append(line.substraitName).append("` | ").append(escape(line.description));
            } else {
                out.append("no |  | ").append(escape(line.stockReason));
            }
            out.append(" |\n");
        });
        return out.toString();
    }

    /** Adds a name; a name Flink knows twice (operator and definition) is native if either is. */
    private static void add(
            Map<String, Line> functions,
            String name,
            FunctionRegistry.Entry entry,
            Map<String, String> descriptions,
            String stockReason) {
        String key = name.toUpperCase(Locale.ROOT);
        Line previous = functions.get(key);
        if (previous != null && (previous.substraitName != null || entry == null)) {
            return;
        }
        if (entry == null) {
            functions.put(key, new Line(null, null, stockReason));
            return;
        }
        String description = descriptions.get(entry.substraitName());
        if (description == null) {
            description = entry.serde().describe(entry.substraitName());
        }
        if (description == null) {
            throw new IllegalStateException("'" + entry.substraitName() + "' is neither in the YAML nor described");
        }
        functions.put(key, new Line(entry.substraitName(), description, null));
    }

    /** One representative of every Flink type root (parameters matter only where support depends on them). */
    private static List<LogicalType> sampleTypes() {
        return List.of(
                new BooleanType(), new TinyIntType(), new SmallIntType(), new IntType(), new BigIntType(),
                new FloatType(), new DoubleType(), new DecimalType(10, 2), new DecimalType(38, 18),
                new CharType(5), new VarCharType(VarCharType.MAX_LENGTH), new BinaryType(4),
                new VarBinaryType(VarBinaryType.MAX_LENGTH), new DateType(), new TimeType(0), new TimestampType(3),
                new TimestampType(6), new TimestampType(9), new LocalZonedTimestampType(3),
                new LocalZonedTimestampType(9), new ZonedTimestampType(3),
                new YearMonthIntervalType(YearMonthIntervalType.YearMonthResolution.MONTH),
                new DayTimeIntervalType(DayTimeIntervalType.DayTimeResolution.SECOND),
                RowType.of(new IntType(), new VarCharType(VarCharType.MAX_LENGTH)), new ArrayType(new IntType()),
                new MapType(new VarCharType(VarCharType.MAX_LENGTH), new IntType()), new MultisetType(new IntType()),
                new VariantType());
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
