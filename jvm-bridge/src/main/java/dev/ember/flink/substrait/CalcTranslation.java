package dev.ember.flink.substrait;

import io.substrait.proto.Plan;

import javax.annotation.Nullable;

/** The outcome of translating one Calc: a Substrait plan, or the reason the Calc stays stock Flink. */
public final class CalcTranslation {

    @Nullable private final Plan plan;
    @Nullable private final String reason;

    private CalcTranslation(@Nullable Plan plan, @Nullable String reason) {
        this.plan = plan;
        this.reason = reason;
    }

    static CalcTranslation supported(Plan plan) {
        return new CalcTranslation(plan, null);
    }

    static CalcTranslation unsupported(String reason) {
        return new CalcTranslation(null, reason);
    }

    public boolean isSupported() {
        return plan != null;
    }

    /** The plan; only if {@link #isSupported()}. */
    public Plan plan() {
        if (plan == null) {
            throw new IllegalStateException("not translated: " + reason);
        }
        return plan;
    }

    /** The fallback reason; only if not {@link #isSupported()}. */
    public String reason() {
        if (reason == null) {
            throw new IllegalStateException("translated");
        }
        return reason;
    }

    @Override
    public String toString() {
        return isSupported() ? "CalcTranslation[supported]" : "CalcTranslation[" + reason + "]";
    }
}
