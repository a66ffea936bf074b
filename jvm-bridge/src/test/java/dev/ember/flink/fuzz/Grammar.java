package dev.ember.flink.fuzz;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.ember.flink.fuzz.Cls.ALL;
import static dev.ember.flink.fuzz.Cls.APPROX;
import static dev.ember.flink.fuzz.Cls.BOOL;
import static dev.ember.flink.fuzz.Cls.DATE;
import static dev.ember.flink.fuzz.Cls.DECIMAL;
import static dev.ember.flink.fuzz.Cls.EXACT;
import static dev.ember.flink.fuzz.Cls.INTEGRAL;
import static dev.ember.flink.fuzz.Cls.NUMERIC;
import static dev.ember.flink.fuzz.Cls.STRING;
import static dev.ember.flink.fuzz.Cls.TIMESTAMP;

/**
 * THE grammar of the random expressions: one line per SQL function form. Adding a function that runs natively is one
 * line in {@link #SIGNATURES}: its SQL template ({@code {}} marks an argument), its result class (or {@link #T} when
 * the result has the class of its {@code T} arguments), and its arguments: an expression of a class ({@link #of}),
 * the signature's type variable {@link #T} (all {@code T} arguments share a class; numeric ones may mix, the first
 * one has the widest class), or a literal picked from a list ({@link #lit}, for arguments Ember requires literal).
 */
final class Grammar {

    /** One argument position of a signature. */
    sealed interface Arg permits Of, TypeVar, Lit {}

    /** Any expression of one of {@code classes}. */
    record Of(Set<Cls> classes) implements Arg {}

    /** The signature's type variable. */
    record TypeVar() implements Arg {}

    /** A literal SQL text from {@code values}; never shrunk. */
    record Lit(List<String> values) implements Arg {}

    /**
     * One function form. {@code result == null}: the result class is the type variable's class, which ranges over
     * {@code domain}; otherwise {@code domain} is where the type variable (if any) ranges.
     */
    record Sig(String template, Cls result, Set<Cls> domain, List<Arg> args, double weight) {
        Sig weighted(double w) {
            return new Sig(template, result, domain, args, w);
        }

        /** The template with its argument marks, for statistics ("(_ + _)"). */
        String name() {
            return template.replace("{}", "_");
        }

        boolean canProduce(Cls c) {
            return result == null ? domain.contains(c) : result == c;
        }
    }

    static final Arg T = new TypeVar();
    static final Arg B = of(BOOL);
    static final Arg S = of(STRING);
    static final Arg NUM = new Of(NUMERIC);
    static final Arg NUM_OR_BOOL = of(INTEGRAL, DECIMAL, APPROX, BOOL);
    /**
     * Excluded from CAST to DECIMAL: FLOAT/DOUBLE, which go through Java's Double.toString: native only on Java 19+
     * (JavaDoubleText), so on the test JVM they would only count as refusals.
     */
    static final Arg EXACT_OR_BOOL = of(INTEGRAL, DECIMAL, BOOL);
    static final Arg ANY = new Of(ALL);
    /** Excluded from CAST to character strings: FLOAT/DOUBLE, for the same reason as above. */
    static final Arg NOT_APPROX = of(BOOL, INTEGRAL, DECIMAL, STRING, DATE, TIMESTAMP);
    /** SUBSTRING positions and lengths: before, at and after the ends, zero and negative. */
    static final Arg POS = lit("1", "2", "0", "-1", "-3", "5", "9", "100");
    static final Arg LEN = lit("0", "1", "3", "8", "-1", "2147483647");
    static final Arg TRIM_MODE = lit("BOTH", "LEADING", "TRAILING");
    /** Pad lengths and repeat counts kept small: the output grows with them. */
    static final Arg SMALL = lit("0", "1", "3", "8", "-1");
    /** Literal Java patterns: translated exactly or refused (then counted as refusals); '(' is invalid. */
    static final Arg REGEX = lit("'a+'", "'(a)(b)?'", "'[0-9]+'", "'\\w+'", "'.'", "'^a'", "'b$'", "'('", "'x|y'");
    static final Arg GROUP = lit("0", "1", "2");
    static final Arg SEPARATOR = lit("'a'", "','", "' '", "'😀'", "'ab'");
    /** No literal starting with a space but longer than one: Ember refuses those (see native string/trim.rs). */
    static final Arg TRIM_CHARS = lit("' '", "'a'", "'ab'", "'ä😀'", "'_'", "'1'", "'ς'");
    /** No pattern with both '_' and a backslash: Ember refuses those (see native string/like.rs). */
    static final Arg PATTERN = lit(
            "'a%'", "'%b%'", "'%'", "''", "'_'", "'__%'", "'%ß%'", "'_😀%'", "'%!%%' ESCAPE '!'",
            "'a!_%' ESCAPE '!'", "'%1%'", "'A%'", "'%\\%'", "'%.%'");

    static final List<Sig> SIGNATURES = List.of(
            // arithmetic: the result class is the widest operand class; divisors are guarded (errors stay rare)
            poly("({} + {})", NUMERIC, T, T),
            poly("({} - {})", NUMERIC, T, T),
            poly("({} * {})", NUMERIC, T, T),
            poly("({} / NULLIF({}, 0))", NUMERIC, T, T),
            poly("({} % NULLIF({}, 0))", EXACT, T, T),
            poly("MOD({}, NULLIF({}, 0))", EXACT, T, T),
            poly("(- {})", NUMERIC, T),
            // comparisons, expanded predicates
            fn("({} = {})", BOOL, ALL, T, T),
            fn("({} <> {})", BOOL, ALL, T, T),
            fn("({} < {})", BOOL, ALL, T, T),
            fn("({} <= {})", BOOL, ALL, T, T),
            fn("({} > {})", BOOL, ALL, T, T),
            fn("({} >= {})", BOOL, ALL, T, T),
            fn("({} IS DISTINCT FROM {})", BOOL, ALL, T, T),
            fn("({} IS NOT DISTINCT FROM {})", BOOL, ALL, T, T),
            fn("({} BETWEEN {} AND {})", BOOL, ALL, T, T, T),
            fn("({} NOT BETWEEN {} AND {})", BOOL, ALL, T, T, T),
            fn("({} IN ({}, {}, {}))", BOOL, ALL, T, T, T, T),
            fn("({} NOT IN ({}, {}))", BOOL, ALL, T, T, T),
            // logic
            fn("({} AND {})", BOOL, B, B),
            fn("({} OR {})", BOOL, B, B),
            fn("(NOT {})", BOOL, B),
            fn("({} IS NULL)", BOOL, ANY),
            fn("({} IS NOT NULL)", BOOL, ANY),
            fn("({} IS TRUE)", BOOL, B),
            fn("({} IS FALSE)", BOOL, B),
            fn("({} IS NOT TRUE)", BOOL, B),
            fn("({} IS NOT FALSE)", BOOL, B),
            // conditional (they produce every class: lower weights keep them from dominating)
            poly("CASE WHEN {} THEN {} ELSE {} END", ALL, B, T, T).weighted(0.5),
            poly("CASE WHEN {} THEN {} WHEN {} THEN {} END", ALL, B, T, B, T).weighted(0.5),
            poly("COALESCE({}, {})", ALL, T, T).weighted(0.5),
            poly("COALESCE({}, {}, {})", ALL, T, T, T).weighted(0.5),
            // strings
            fn("UPPER({})", STRING, S),
            fn("LOWER({})", STRING, S),
            fn("CHAR_LENGTH({})", INTEGRAL, S),
            fn("SUBSTRING({} FROM {})", STRING, S, POS),
            fn("SUBSTRING({} FROM {} FOR {})", STRING, S, POS, LEN),
            fn("({} || {})", STRING, S, S),
            fn("CONCAT({}, {}, {})", STRING, S, S, S),
            fn("TRIM({})", STRING, S),
            fn("TRIM({} {} FROM {})", STRING, TRIM_MODE, TRIM_CHARS, S),
            fn("({} LIKE {})", BOOL, S, PATTERN),
            fn("({} NOT LIKE {})", BOOL, S, PATTERN),
            fn("REPLACE({}, {}, {})", STRING, S, S, S),
            fn("CONCAT_WS({}, {}, {})", STRING, S, S, S),
            fn("LPAD({}, {}, {})", STRING, S, SMALL, S),
            fn("RPAD({}, {}, {})", STRING, S, SMALL, S),
            fn("REPEAT({}, {})", STRING, S, SMALL),
            fn("INITCAP({})", STRING, S),
            fn("REVERSE({})", STRING, S),
            fn("LEFT({}, {})", STRING, S, POS),
            fn("RIGHT({}, {})", STRING, S, POS),
            fn("POSITION({} IN {})", INTEGRAL, S, S),
            fn("LOCATE({}, {}, {})", INTEGRAL, S, S, POS),
            fn("SPLIT_INDEX({}, {}, {})", STRING, S, SEPARATOR, POS),
            fn("REGEXP({}, {})", BOOL, S, REGEX),
            fn("REGEXP_EXTRACT({}, {}, {})", STRING, S, REGEX, GROUP),
            fn("REGEXP_REPLACE({}, {}, {})", STRING, S, REGEX, S),
            fn("MD5({})", STRING, S),
            fn("SHA256({})", STRING, S),
            // casts: the pairs native/kernels/src/cast supports
            fn("CAST({} AS TINYINT)", INTEGRAL, NUM_OR_BOOL),
            fn("CAST({} AS SMALLINT)", INTEGRAL, NUM_OR_BOOL),
            fn("CAST({} AS INT)", INTEGRAL, NUM_OR_BOOL),
            fn("CAST({} AS BIGINT)", INTEGRAL, NUM_OR_BOOL),
            fn("CAST({} AS FLOAT)", APPROX, NUM_OR_BOOL),
            fn("CAST({} AS DOUBLE)", APPROX, NUM_OR_BOOL),
            fn("CAST({} AS DECIMAL(5, 0))", DECIMAL, EXACT_OR_BOOL),
            fn("CAST({} AS DECIMAL(10, 2))", DECIMAL, EXACT_OR_BOOL),
            fn("CAST({} AS DECIMAL(38, 18))", DECIMAL, EXACT_OR_BOOL),
            fn("CAST({} AS BOOLEAN)", BOOL, NUM),
            fn("CAST({} AS STRING)", STRING, NOT_APPROX),
            fn("CAST({} AS VARCHAR(4))", STRING, NOT_APPROX),
            fn("CAST({} AS CHAR(6))", STRING, NOT_APPROX),
            fn("TRY_CAST({} AS TINYINT)", INTEGRAL, S),
            fn("TRY_CAST({} AS INT)", INTEGRAL, S),
            fn("TRY_CAST({} AS BIGINT)", INTEGRAL, S),
            fn("TRY_CAST({} AS FLOAT)", APPROX, S),
            fn("TRY_CAST({} AS DOUBLE)", APPROX, S),
            fn("TRY_CAST({} AS BOOLEAN)", BOOL, S),
            fn("TRY_CAST({} AS SMALLINT)", INTEGRAL, NUM_OR_BOOL),
            // fails on most strings: keeps the runtime-error path (same exception as stock) exercised, rarely
            fn("CAST({} AS INT)", INTEGRAL, S).weighted(0.03));

    /** Literal SQL texts per class; the first one is the shrinker's "simple literal". */
    static final Map<Cls, List<String>> LITERALS = new EnumMap<>(Map.of(
            BOOL, List.of("TRUE", "FALSE"),
            INTEGRAL, List.of("1", "0", "-1", "7", "100", "2147483647", "-2147483648", "9223372036854775807",
                    "CAST(-128 AS TINYINT)", "CAST(32767 AS SMALLINT)"),
            DECIMAL, List.of("1.5", "0.00", "-0.01", "12345678.90", "0.000000000000000001",
                    "-1.000",
                    // beyond the literal range of the SQL parser: a constant-folded CAST
                    "CAST('99999999999999999999.999999999999999999' AS DECIMAL(38, 18))"),
            APPROX, List.of("1.5E0", "0.0E0", "-2.25E0", "1E308", "4.9E-324", "CAST(0.1 AS FLOAT)",
                    "CAST('NaN' AS DOUBLE)", "CAST('-Infinity' AS DOUBLE)"),
            STRING, List.of("'a'", "''", "'abc'", "' x '", "'Straße'", "'😀'", "'12345678'", "'1.5'", "'-12'"),
            DATE, List.of("DATE '1970-01-01'", "DATE '1969-12-31'", "DATE '2024-02-29'", "DATE '9999-12-31'",
                    "DATE '0001-01-01'"),
            TIMESTAMP, List.of("TIMESTAMP '1970-01-01 00:00:00.000'", "TIMESTAMP '1969-12-31 23:59:59.999'",
                    "TIMESTAMP '2021-03-04 05:06:07.123'", "TIMESTAMP '9999-12-31 23:59:59.999'")));

    private Grammar() {}

    /** The NULL literal of an exact type of {@code cls}. */
    static List<String> nullLiterals(Cls cls) {
        List<String> out = new ArrayList<>();
        for (SqlType t : SqlType.values()) {
            if (t.cls == cls) {
                out.add("CAST(NULL AS " + t.sql + ")");
            }
        }
        return out;
    }

    private static Arg of(Cls first, Cls... rest) {
        return new Of(EnumSet.of(first, rest));
    }

    private static Arg lit(String... values) {
        return new Lit(List.of(values));
    }

    /** A signature whose result has the type variable's class, ranging over {@code domain}. */
    private static Sig poly(String template, Set<Cls> domain, Arg... args) {
        return new Sig(template, null, domain, List.of(args), 1.0);
    }

    /** A signature with a fixed result class, whose type variable (if used) ranges over {@code domain}. */
    private static Sig fn(String template, Cls result, Set<Cls> domain, Arg... args) {
        return new Sig(template, result, domain, List.of(args), 1.0);
    }

    private static Sig fn(String template, Cls result, Arg... args) {
        return new Sig(template, result, Set.of(), List.of(args), 1.0);
    }
}
