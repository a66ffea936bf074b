package dev.ember.flink.fuzz;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * The exact types of the random table's columns, with their edge values and a random-value generator. A value is an
 * edge value often (edges are where kernels go wrong), NULL sometimes, and random otherwise.
 */
enum SqlType {
    BOOLEAN("BOOLEAN", Cls.BOOL, DataTypes.BOOLEAN(), Types.BOOLEAN),
    TINYINT("TINYINT", Cls.INTEGRAL, DataTypes.TINYINT(), Types.BYTE),
    SMALLINT("SMALLINT", Cls.INTEGRAL, DataTypes.SMALLINT(), Types.SHORT),
    INT("INT", Cls.INTEGRAL, DataTypes.INT(), Types.INT),
    BIGINT("BIGINT", Cls.INTEGRAL, DataTypes.BIGINT(), Types.LONG),
    FLOAT("FLOAT", Cls.APPROX, DataTypes.FLOAT(), Types.FLOAT),
    DOUBLE("DOUBLE", Cls.APPROX, DataTypes.DOUBLE(), Types.DOUBLE),
    DECIMAL_5_0("DECIMAL(5, 0)", Cls.DECIMAL, DataTypes.DECIMAL(5, 0), Types.BIG_DEC),
    DECIMAL_10_2("DECIMAL(10, 2)", Cls.DECIMAL, DataTypes.DECIMAL(10, 2), Types.BIG_DEC),
    DECIMAL_19_4("DECIMAL(19, 4)", Cls.DECIMAL, DataTypes.DECIMAL(19, 4), Types.BIG_DEC),
    DECIMAL_38_18("DECIMAL(38, 18)", Cls.DECIMAL, DataTypes.DECIMAL(38, 18), Types.BIG_DEC),
    STRING("STRING", Cls.STRING, DataTypes.STRING(), Types.STRING),
    DATE("DATE", Cls.DATE, DataTypes.DATE(), Types.LOCAL_DATE),
    TIMESTAMP_3("TIMESTAMP(3)", Cls.TIMESTAMP, DataTypes.TIMESTAMP(3), Types.LOCAL_DATE_TIME);

    final String sql;
    final Cls cls;
    final DataType dataType;
    final TypeInformation<?> typeInfo;

    SqlType(String sql, Cls cls, DataType dataType, TypeInformation<?> typeInfo) {
        this.sql = sql;
        this.cls = cls;
        this.dataType = dataType;
        this.typeInfo = typeInfo;
    }

    /**
     * Strings around the 8-byte boundary (inline vs. out-of-line representations), multi-byte and 4-byte UTF-8, case
     * mappings that change the length or depend on context (ß, ŉ, final sigma, dotted I, ligatures, title case),
     * whitespace other than U+0020, LIKE wildcards, and texts that almost parse as numbers or booleans.
     */
    private static final String[] STRINGS = {
        "", " ", "a", "abc", "ABC", "1234567", "12345678", "123456789", "hello world!", "  padded  ", "\tx\n",
        "ümlaut äöü", "Straße", "ŉ", "İstanbul", "ǅ", "ὒ", "emoji 😀 ok", "😀", "𝔘𝔫𝔦",
        "日本語テキスト", "a_b%c", "%", "_", "\\", "12", "-0", "1e3", " 7 ", "NaN", "true", "FALSE", "9223372036854775808",
        "3.4e38", "-Infinity", "0x1F"
    };
    /**
     * Alphabet of random strings: ASCII, Latin-1, Greek, CJK, 4-byte code points, wildcards, spaces. Without sigma
     * (σ upper-cases to Σ): LOWER(Σ) differs (Java's final-sigma rule looks for cased letters within the word of
     * its BreakIterator, Rust's across case-ignorable runs; native/kernels/src/string/case.rs). Without U+E000..U+FFFF
     * (e.g. the ligature ﬁ): Flink compares Java-object-backed strings by UTF-16 units (String.compareTo), binary
     * ones by UTF-8 bytes, and which form a value has is not observable; Ember compares UTF-8 bytes.
     */
    private static final int[] CODE_POINTS = "aAbBzZ09 _%.-ßäÄéİı日本😀𝔘\t".codePoints().toArray();

    private static final long MIN_EPOCH_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long MAX_EPOCH_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final LocalDate[] DATES = {
        LocalDate.of(1970, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
        LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 15), LocalDate.of(1900, 2, 28), LocalDate.of(2000, 2, 29),
        LocalDate.of(2024, 2, 29)
    };
    private static final LocalDateTime[] TIMESTAMPS = {
        LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000),
        LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000),
        LocalDateTime.of(1582, 10, 4, 12, 0, 0, 1_000_000), LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1_000_000),
        LocalDateTime.of(2024, 2, 29, 12, 30, 45, 500_000_000)
    };

    /** A random value of this type (external Java representation), NULL in about 8% of the cases. */
    Object random(SplittableRandom r) {
        if (r.nextInt(12) == 0) {
            return null;
        }
        boolean edge = r.nextInt(3) == 0;
        switch (this) {
            case BOOLEAN:
                return r.nextBoolean();
            case TINYINT:
                return (byte) (edge ? pick(r, Byte.MIN_VALUE, Byte.MAX_VALUE, 0, -1, 1) : r.nextInt(-128, 128));
            case SMALLINT:
                return (short) (edge ? pick(r, Short.MIN_VALUE, Short.MAX_VALUE, 0, -1, 1) : smallInt(r, 16));
            case INT:
                return (int) (edge ? pick(r, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1) : smallInt(r, 32));
            case BIGINT:
                return edge ? pick(r, Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1) : smallInt(r, 64);
            case FLOAT:
                return edge
                        ? (float) pickDouble(r, Float.NaN, 0.0f, -0.0f, Float.POSITIVE_INFINITY,
                                Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 0.1f,
                                16777217.0f, 1.0e7f, 1.0e-3f)
                        : (float) approx(r);
            case DOUBLE:
                return edge
                        ? pickDouble(r, Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                                Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 1.0e7, 1.0e-3, 1.0e21,
                                9007199254740993.0, 123456.789)
                        : approx(r);
            case DECIMAL_5_0:
                return decimal(r, 5, 0, edge);
            case DECIMAL_10_2:
                return decimal(r, 10, 2, edge);
            case DECIMAL_19_4:
                return decimal(r, 19, 4, edge);
            case DECIMAL_38_18:
                return decimal(r, 38, 18, edge);
            case STRING:
                return edge || r.nextBoolean() ? STRINGS[r.nextInt(STRINGS.length)] : randomString(r);
            case DATE:
                return edge ? DATES[r.nextInt(DATES.length)] : LocalDate.ofEpochDay(r.nextLong(MIN_EPOCH_DAY,
                        MAX_EPOCH_DAY + 1));
            case TIMESTAMP_3:
                if (edge) {
                    return TIMESTAMPS[r.nextInt(TIMESTAMPS.length)];
                }
                return LocalDate.ofEpochDay(r.nextLong(MIN_EPOCH_DAY, MAX_EPOCH_DAY + 1))
                        .atStartOfDay()
                        .plusNanos(r.nextLong(86_400_000L) * 1_000_000L);
            default:
                throw new AssertionError(this);
        }
    }

    private static long pick(SplittableRandom r, long... values) {
        return values[r.nextInt(values.length)];
    }

    private static double pickDouble(SplittableRandom r, double... values) {
        return values[r.nextInt(values.length)];
    }

    /** Mostly small magnitudes (where results are interesting), sometimes the full range of {@code bits}. */
    private static long smallInt(SplittableRandom r, int bits) {
        long v = r.nextBoolean() ? r.nextLong(-1000, 1001) : r.nextLong();
        return v << (64 - bits) >> (64 - bits);
    }

    /** Integers, short fractions and wide magnitudes. */
    private static double approx(SplittableRandom r) {
        switch (r.nextInt(3)) {
            case 0:
                return r.nextInt(-1000, 1001);
            case 1:
                return r.nextInt(-100000, 100001) / 100.0;
            default:
                return (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-30, 30));
        }
    }

    /** A DECIMAL(p, s) value: the limits (±(10^(p-s) - 10^-s), ±10^-s, 0) or random digits up to p. */
    private static BigDecimal decimal(SplittableRandom r, int p, int s, boolean edge) {
        BigInteger unscaled;
        if (edge) {
            BigInteger max = BigInteger.TEN.pow(p).subtract(BigInteger.ONE);
            unscaled = new BigInteger[] {max, max.negate(), BigInteger.ONE, BigInteger.ONE.negate(), BigInteger.ZERO}
                    [r.nextInt(5)];
        } else {
            int digits = r.nextInt(1, p + 1);
            StringBuilder b = new StringBuilder(r.nextBoolean() ? "-" : "");
            for (int i = 0; i < digits; i++) {
                b.append((char) ('0' + r.nextInt(10)));
            }
            unscaled = new BigInteger(b.toString());
        }
        return new BigDecimal(unscaled, s);
    }

    private static String randomString(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(0, 20);
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(CODE_POINTS[r.nextInt(CODE_POINTS.length)]);
        }
        return b.toString();
    }
}
