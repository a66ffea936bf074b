package dev.ember.flink.substrait.functions;

import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.planner.functions.bridging.BridgingSqlFunction;
import org.apache.flink.table.planner.functions.sql.FlinkSqlOperatorTable;

import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import javax.annotation.Nullable;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * THE JVM-side function table: which Flink/Calcite operator runs natively, under which Substrait name (the names of
 * {@code substrait-plans/extensions/functions_flink.yaml}), converted by which family serde. "Supported" means "has an
 * entry here"; there is no second list.
 *
 * <p>How Flink 2.3 calls look in a Calc's RexNodes: SQL functions are mostly Calcite {@link SqlOperator} singletons
 * ({@link SqlStdOperatorTable}, or Flink's own instances in {@link FlinkSqlOperatorTable}, which partly alias the
 * former); functions of Flink's new type inference stack (COALESCE, and Table API calls) are {@link
 * BridgingSqlFunction}s around a {@link FunctionDefinition}, matched by that definition. Both are matched by identity.
 *
 * <p>Adding a function: one {@code register} line here (plus a method in the family serde if the call needs more than a
 * one-to-one {@code ScalarFunction}), and the same name in the YAML and the native registry.
 */
public final class FunctionRegistry {

    /** The stock reason of a function nobody has implemented natively yet. */
    public static final String NO_IMPLEMENTATION = "no native implementation";

    /** One supported function: its Substrait name and the serde of its family. */
    public record Entry(String substraitName, FunctionSerde serde) {}

    private final Map<SqlOperator, Entry> byOperator = new IdentityHashMap<>();
    private final Map<FunctionDefinition, Entry> byDefinition = new IdentityHashMap<>();
    private final Set<String> names = new TreeSet<>();
    private final Map<Object, String> stockReasons = new IdentityHashMap<>();

    private FunctionRegistry() {}

    /** Builds the table. Cheap; the translator builds one per planner and never mutates it. */
    public static FunctionRegistry create() {
        FunctionRegistry r = new FunctionRegistry();

        ArithmeticSerde arithmetic = new ArithmeticSerde();
        r.register("add", arithmetic, SqlStdOperatorTable.PLUS, FlinkSqlOperatorTable.PLUS);
        r.register("subtract", arithmetic, SqlStdOperatorTable.MINUS, FlinkSqlOperatorTable.MINUS);
        r.register("multiply", arithmetic, SqlStdOperatorTable.MULTIPLY, FlinkSqlOperatorTable.MULTIPLY);
        r.register("divide", arithmetic, SqlStdOperatorTable.DIVIDE, FlinkSqlOperatorTable.DIVIDE);
        r.register(
                "modulus",
                arithmetic,
                SqlStdOperatorTable.MOD,
                SqlStdOperatorTable.PERCENT_REMAINDER,
                FlinkSqlOperatorTable.MOD,
                FlinkSqlOperatorTable.PERCENT_REMAINDER);
        r.register("negate", arithmetic, SqlStdOperatorTable.UNARY_MINUS, FlinkSqlOperatorTable.UNARY_MINUS);

        ComparisonSerde comparison = new ComparisonSerde();
        r.register("equal", comparison, SqlStdOperatorTable.EQUALS, FlinkSqlOperatorTable.EQUALS);
        r.register("not_equal", comparison, SqlStdOperatorTable.NOT_EQUALS, FlinkSqlOperatorTable.NOT_EQUALS);
        r.register("lt", comparison, SqlStdOperatorTable.LESS_THAN, FlinkSqlOperatorTable.LESS_THAN);
        r.register(
                "lte",
                comparison,
                SqlStdOperatorTable.LESS_THAN_OR_EQUAL,
                FlinkSqlOperatorTable.LESS_THAN_OR_EQUAL);
        r.register("gt", comparison, SqlStdOperatorTable.GREATER_THAN, FlinkSqlOperatorTable.GREATER_THAN);
        r.register(
                "gte",
                comparison,
                SqlStdOperatorTable.GREATER_THAN_OR_EQUAL,
                FlinkSqlOperatorTable.GREATER_THAN_OR_EQUAL);
        r.register(
                "is_distinct_from",
                comparison,
                SqlStdOperatorTable.IS_DISTINCT_FROM,
                FlinkSqlOperatorTable.IS_DISTINCT_FROM);
        r.register(
                "is_not_distinct_from",
                comparison,
                SqlStdOperatorTable.IS_NOT_DISTINCT_FROM,
                FlinkSqlOperatorTable.IS_NOT_DISTINCT_FROM);

        LogicSerde logic = new LogicSerde();
        r.register("and", logic, SqlStdOperatorTable.AND, FlinkSqlOperatorTable.AND);
        r.register("or", logic, SqlStdOperatorTable.OR, FlinkSqlOperatorTable.OR);
        r.register("not", logic, SqlStdOperatorTable.NOT, FlinkSqlOperatorTable.NOT);
        r.register("is_null", logic, SqlStdOperatorTable.IS_NULL, FlinkSqlOperatorTable.IS_NULL);
        r.register("is_not_null", logic, SqlStdOperatorTable.IS_NOT_NULL, FlinkSqlOperatorTable.IS_NOT_NULL);
        r.register("is_true", logic, SqlStdOperatorTable.IS_TRUE, FlinkSqlOperatorTable.IS_TRUE);
        r.register("is_false", logic, SqlStdOperatorTable.IS_FALSE, FlinkSqlOperatorTable.IS_FALSE);
        r.register("is_not_true", logic, SqlStdOperatorTable.IS_NOT_TRUE, FlinkSqlOperatorTable.IS_NOT_TRUE);
        r.register("is_not_false", logic, SqlStdOperatorTable.IS_NOT_FALSE, FlinkSqlOperatorTable.IS_NOT_FALSE);

        ConditionalSerde conditional = new ConditionalSerde();
        r.register(ConditionalSerde.IF_THEN, conditional, SqlStdOperatorTable.CASE, FlinkSqlOperatorTable.CASE);
        r.register("coalesce", conditional, SqlStdOperatorTable.COALESCE, BuiltInFunctionDefinitions.COALESCE);

        StringSerde string = new StringSerde();
        r.register("upper", string, SqlStdOperatorTable.UPPER, FlinkSqlOperatorTable.UPPER);
        r.register("lower", string, SqlStdOperatorTable.LOWER, FlinkSqlOperatorTable.LOWER);
        r.register(
                "char_length",
                string,
                SqlStdOperatorTable.CHAR_LENGTH,
                SqlStdOperatorTable.CHARACTER_LENGTH,
                FlinkSqlOperatorTable.CHAR_LENGTH,
                FlinkSqlOperatorTable.CHARACTER_LENGTH);
        r.register("substring", string, SqlStdOperatorTable.SUBSTRING, FlinkSqlOperatorTable.SUBSTRING);
        r.register(
                "concat",
                string,
                SqlStdOperatorTable.CONCAT,
                FlinkSqlOperatorTable.CONCAT,
                FlinkSqlOperatorTable.CONCAT_FUNCTION);
        r.register(StringSerde.TRIM, string, SqlStdOperatorTable.TRIM, FlinkSqlOperatorTable.TRIM);
        r.register("like", string, SqlStdOperatorTable.LIKE, FlinkSqlOperatorTable.LIKE);

        // ==== string functions (REPLACE, LPAD, ...): begin ====
        r.register("replace", string, FlinkSqlOperatorTable.REPLACE);
        r.register("concat_ws", string, FlinkSqlOperatorTable.CONCAT_WS);
        r.register("lpad", string, FlinkSqlOperatorTable.LPAD);
        r.register("rpad", string, FlinkSqlOperatorTable.RPAD);
        r.register("repeat", string, FlinkSqlOperatorTable.REPEAT);
        r.register("split_index", string, FlinkSqlOperatorTable.SPLIT_INDEX);
        r.register("initcap", string, SqlStdOperatorTable.INITCAP, FlinkSqlOperatorTable.INITCAP);
        r.register(
                "position",
                string,
                SqlStdOperatorTable.POSITION,
                FlinkSqlOperatorTable.POSITION,
                FlinkSqlOperatorTable.LOCATE);
        r.register("left", string, FlinkSqlOperatorTable.LEFT);
        r.register("right", string, FlinkSqlOperatorTable.RIGHT);
        r.register("reverse", string, FlinkSqlOperatorTable.REVERSE);
        r.register("ltrim", string, FlinkSqlOperatorTable.LTRIM);
        r.register("rtrim", string, FlinkSqlOperatorTable.RTRIM);
        r.register("ascii", string, FlinkSqlOperatorTable.ASCII);
        r.register("chr", string, FlinkSqlOperatorTable.CHR);
        // ==== string functions (REPLACE, LPAD, ...): end ====

        // ==== regular expressions (REGEXP_*): begin ====
        r.register("regexp", string, FlinkSqlOperatorTable.REGEXP);
        r.register("regexp_extract", string, FlinkSqlOperatorTable.REGEXP_EXTRACT);
        r.register("regexp_replace", string, FlinkSqlOperatorTable.REGEXP_REPLACE);
        // ==== regular expressions (REGEXP_*): end ====

        // ==== math and conditional functions (ABS, ROUND, IF, ...): begin ====
        MathSerde math = new MathSerde();
        r.register(MathSerde.IF, math, FlinkSqlOperatorTable.IF);
        r.register("abs", math, SqlStdOperatorTable.ABS, FlinkSqlOperatorTable.ABS);
        r.register("sign", math, SqlStdOperatorTable.SIGN, FlinkSqlOperatorTable.SIGN);
        r.register("round", math, SqlStdOperatorTable.ROUND, FlinkSqlOperatorTable.ROUND);
        r.register("floor", math, SqlStdOperatorTable.FLOOR, FlinkSqlOperatorTable.FLOOR);
        r.register("ceil", math, SqlStdOperatorTable.CEIL, FlinkSqlOperatorTable.CEIL);
        r.register("power", math, SqlStdOperatorTable.POWER, FlinkSqlOperatorTable.POWER);
        r.register("hex", math, FlinkSqlOperatorTable.HEX);
        r.register("bin", math, FlinkSqlOperatorTable.BIN);
        // ==== math and conditional functions (ABS, ROUND, IF, ...): end ====

        // ==== hash functions (MD5, SHA2, HASH_CODE): begin ====
        HashSerde hash = new HashSerde();
        r.register("md5", hash, FlinkSqlOperatorTable.MD5);
        r.register("sha1", hash, FlinkSqlOperatorTable.SHA1);
        r.register("sha224", hash, FlinkSqlOperatorTable.SHA224);
        r.register("sha256", hash, FlinkSqlOperatorTable.SHA256);
        r.register("sha384", hash, FlinkSqlOperatorTable.SHA384);
        r.register("sha512", hash, FlinkSqlOperatorTable.SHA512);
        r.register("sha2", hash, FlinkSqlOperatorTable.SHA2);
        // ==== hash functions (MD5, SHA2, HASH_CODE): end ====

        // ==== temporal functions (EXTRACT, DATE_FORMAT, ...): begin ====
        TemporalSerde temporal = new TemporalSerde();
        r.register(TemporalSerde.EXTRACT, temporal, SqlStdOperatorTable.EXTRACT, FlinkSqlOperatorTable.EXTRACT);
        // FLOOR/CEIL(x TO unit) are registered with the numeric FLOOR/CEIL (one operator): MathSerde hands them over.
        r.register(TemporalSerde.PLUS, temporal, SqlStdOperatorTable.DATETIME_PLUS, FlinkSqlOperatorTable.DATETIME_PLUS);
        r.register(TemporalSerde.DATE_FORMAT, temporal, FlinkSqlOperatorTable.DATE_FORMAT);
        r.register(TemporalSerde.MINUS, temporal, SqlStdOperatorTable.MINUS_DATE, FlinkSqlOperatorTable.MINUS_DATE);
        r.register(TemporalSerde.TO_TIMESTAMP, temporal, FlinkSqlOperatorTable.TO_TIMESTAMP);
        r.register(TemporalSerde.TO_DATE, temporal, FlinkSqlOperatorTable.TO_DATE);
        r.register(TemporalSerde.DIFF, temporal, SqlStdOperatorTable.REINTERPRET, FlinkSqlOperatorTable.REINTERPRET);
        // Calcite's integer division, produced by the TIMESTAMPDIFF rewrite: Flink generates the same code as '/'.
        r.register(
                "divide_integer",
                arithmetic,
                SqlStdOperatorTable.DIVIDE_INTEGER,
                FlinkSqlOperatorTable.DIVIDE_INTEGER);
        // ==== temporal functions (EXTRACT, DATE_FORMAT, ...): end ====

        // ==== JSON functions (JSON_VALUE): begin ====
        JsonSerde json = new JsonSerde();
        r.register(JsonSerde.JSON_VALUE, json, SqlStdOperatorTable.JSON_VALUE, FlinkSqlOperatorTable.JSON_VALUE);
        r.register("is_json_value", json, SqlStdOperatorTable.IS_JSON_VALUE, FlinkSqlOperatorTable.IS_JSON_VALUE);
        r.register("is_json_object", json, SqlStdOperatorTable.IS_JSON_OBJECT, FlinkSqlOperatorTable.IS_JSON_OBJECT);
        r.register("is_json_array", json, SqlStdOperatorTable.IS_JSON_ARRAY, FlinkSqlOperatorTable.IS_JSON_ARRAY);
        r.register("is_json_scalar", json, SqlStdOperatorTable.IS_JSON_SCALAR, FlinkSqlOperatorTable.IS_JSON_SCALAR);
        r.register(
                "is_not_json_value",
                json,
                SqlStdOperatorTable.IS_NOT_JSON_VALUE,
                FlinkSqlOperatorTable.IS_NOT_JSON_VALUE);
        r.register(
                "is_not_json_object",
                json,
                SqlStdOperatorTable.IS_NOT_JSON_OBJECT,
                FlinkSqlOperatorTable.IS_NOT_JSON_OBJECT);
        r.register(
                "is_not_json_array",
                json,
                SqlStdOperatorTable.IS_NOT_JSON_ARRAY,
                FlinkSqlOperatorTable.IS_NOT_JSON_ARRAY);
        r.register(
                "is_not_json_scalar",
                json,
                SqlStdOperatorTable.IS_NOT_JSON_SCALAR,
                FlinkSqlOperatorTable.IS_NOT_JSON_SCALAR);
        // ==== JSON functions (JSON_VALUE): end ====


        CastSerde cast = new CastSerde();
        r.register(CastSerde.CAST, cast, SqlStdOperatorTable.CAST, FlinkSqlOperatorTable.CAST);
        r.register(
                CastSerde.TRY_CAST, cast, FlinkSqlOperatorTable.TRY_CAST, BuiltInFunctionDefinitions.TRY_CAST);
        // Functions that stay stock on purpose, with the reason users see (the default is "no native implementation").
        r.stock("Flink computes it with java.lang.Math, whose HotSpot intrinsics are not guaranteed bit-identical to"
                        + " a native implementation",
                FlinkSqlOperatorTable.LN, FlinkSqlOperatorTable.LOG, FlinkSqlOperatorTable.LOG10,
                FlinkSqlOperatorTable.LOG2, FlinkSqlOperatorTable.EXP, FlinkSqlOperatorTable.SIN,
                FlinkSqlOperatorTable.COS, FlinkSqlOperatorTable.TAN, FlinkSqlOperatorTable.COT,
                FlinkSqlOperatorTable.ASIN, FlinkSqlOperatorTable.ACOS, FlinkSqlOperatorTable.ATAN,
                FlinkSqlOperatorTable.ATAN2, FlinkSqlOperatorTable.SINH, FlinkSqlOperatorTable.COSH,
                FlinkSqlOperatorTable.TANH);
        r.stock("non-deterministic or reads the clock: evaluated by Flink",
                FlinkSqlOperatorTable.RAND, FlinkSqlOperatorTable.RAND_INTEGER, FlinkSqlOperatorTable.UUID,
                FlinkSqlOperatorTable.CURRENT_ROW_TIMESTAMP, FlinkSqlOperatorTable.PROCTIME,
                BuiltInFunctionDefinitions.NOW, BuiltInFunctionDefinitions.CURRENT_TIMESTAMP,
                BuiltInFunctionDefinitions.CURRENT_DATE, BuiltInFunctionDefinitions.CURRENT_TIME,
                BuiltInFunctionDefinitions.LOCAL_TIMESTAMP, BuiltInFunctionDefinitions.LOCAL_TIME);
        r.stock("SIMILAR TO follows Calcite's SQL-regex translation (SqlLikeUtils), not ported",
                FlinkSqlOperatorTable.SIMILAR_TO, FlinkSqlOperatorTable.NOT_SIMILAR_TO);
        return r;
    }

    /**
     * Registers {@code name} for each key (a {@link SqlOperator} or a {@link FunctionDefinition}). Keys that alias
     * each other (Flink's table reusing a Calcite instance) are fine; one key under two names is a bug and fails.
     */
    private void register(String name, FunctionSerde serde, Object... keys) {
        if (!names.add(name)) {
            throw new IllegalStateException("function '" + name + "' registered twice");
        }
        Entry entry = new Entry(name, serde);
        for (Object key : keys) {
            Entry previous;
            if (key instanceof SqlOperator) {
                previous = byOperator.putIfAbsent((SqlOperator) key, entry);
            } else if (key instanceof FunctionDefinition) {
                previous = byDefinition.putIfAbsent((FunctionDefinition) key, entry);
            } else {
                throw new IllegalArgumentException("not a function key: " + key);
            }
            if (previous != null && previous != entry) {
                throw new IllegalStateException(
                        key + " registered as '" + previous.substraitName() + "' and as '" + name + "'");
            }
        }
    }

    /** Records why {@code keys} (operators or definitions) stay stock Flink. */
    private void stock(String reason, Object... keys) {
        for (Object key : keys) {
            if (key instanceof SqlOperator ? byOperator.containsKey(key) : byDefinition.containsKey(key)) {
                throw new IllegalStateException(key + " is registered as native and as stock");
            }
            stockReasons.put(key, reason);
        }
    }

    /** Why {@code key} (an operator or a definition) has no native implementation. */
    public String stockReason(Object key) {
        Object k = key instanceof BridgingSqlFunction ? ((BridgingSqlFunction) key).getDefinition() : key;
        return stockReasons.getOrDefault(k, NO_IMPLEMENTATION);
    }

    /** The entry of {@code definition}, or null if it does not run natively. */
    @Nullable
    public Entry lookup(FunctionDefinition definition) {
        return byDefinition.get(definition);
    }

    /** The entry of {@code operator}, or null if it does not run natively. */
    @Nullable
    public Entry lookup(SqlOperator operator) {
        if (operator instanceof BridgingSqlFunction) {
            return byDefinition.get(((BridgingSqlFunction) operator).getDefinition());
        }
        return byOperator.get(operator);
    }

    /** Every registered Substrait name (sorted); the JVM side of the contract with the YAML. */
    public Set<String> substraitNames() {
        return Collections.unmodifiableSet(names);
    }

    /** The SQL name users know an operator by, for fallback reasons ("REGEXP_EXTRACT", "+"). */
    public static String sqlName(SqlOperator operator) {
        if (operator instanceof BridgingSqlFunction) {
            return ((BridgingSqlFunction) operator).getDefinition().toString().toUpperCase(Locale.ROOT);
        }
        return operator.getName().toUpperCase(Locale.ROOT);
    }
}
