package dev.ember.flink.fuzz;

import java.util.EnumSet;
import java.util.Set;

/**
 * The value classes the generator types expressions by. Exact types (INT vs BIGINT, DECIMAL(10, 2) vs (38, 18)) are
 * left to Flink's type inference: every well-typed combination of classes is a well-typed SQL expression, and the
 * numeric classes are ordered by how Flink widens a mixed operation (INT + DECIMAL is DECIMAL, DECIMAL + DOUBLE is
 * DOUBLE).
 */
enum Cls {
    BOOL,
    INTEGRAL,
    DECIMAL,
    APPROX,
    STRING,
    DATE,
    TIMESTAMP;

    static final Set<Cls> ALL = EnumSet.allOf(Cls.class);
    static final Set<Cls> NUMERIC = EnumSet.of(INTEGRAL, DECIMAL, APPROX);
    /** Operands of MOD / %: Calcite accepts exact numerics only. */
    static final Set<Cls> EXACT = EnumSet.of(INTEGRAL, DECIMAL);

    boolean numeric() {
        return NUMERIC.contains(this);
    }

    /** Whether an operand of class {@code this} may stand where class {@code wider} is the result of widening. */
    boolean widensTo(Cls wider) {
        return this == wider || (numeric() && wider.numeric() && ordinal() <= wider.ordinal());
    }
}
