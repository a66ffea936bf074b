package dev.ember.flink.substrait.functions;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Whether the native side's {@code Double.toString}/{@code Float.toString} matches the JVM Flink runs on. Flink's
 * FLOAT/DOUBLE to string and to DECIMAL casts and ROUND of FLOAT/DOUBLE go through these texts. Ember prints the
 * shortest digits that round-trip, as JDK 19+ does (JDK-4511638); JDK 11/17 print some values differently (1.0E23 as
 * 9.999999999999999E22), so there those calls stay stock.
 */
public final class JavaDoubleText {

    private static final int JVM = Runtime.version().feature();

    private JavaDoubleText() {}

    /** Whether this JVM prints FLOAT/DOUBLE values as Ember does (the shortest digits: Java 19+). */
    public static boolean matchesThisJvm() {
        return JVM >= 19;
    }

    /** The reason a call whose result depends on {@code type}'s text stays stock, or null if it can run natively. */
    static String unsupportedReason(RelDataType type) {
        if (matchesThisJvm() || !SqlTypeName.APPROX_TYPES.contains(type.getSqlTypeName())) {
            return null;
        }
        return "Java " + JVM + "'s Double.toString prints some values with more digits than the shortest form Ember"
                + " reproduces (the JDK 19+ rule); FLOAT/DOUBLE to text or DECIMAL runs natively on Java 19+";
    }
}
