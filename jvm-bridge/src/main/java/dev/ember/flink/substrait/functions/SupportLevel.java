package dev.ember.flink.substrait.functions;

import javax.annotation.Nullable;

/**
 * Whether one particular call of a function can run natively, with the reason when it cannot (as data, Comet-style:
 * the planner records it as the Calc's fallback reason). Only two levels so far; an "incompatible, enable with a
 * switch" level can be added when a kernel knowingly differs from Flink.
 */
public record SupportLevel(boolean supported, @Nullable String reason) {

    public static final SupportLevel COMPATIBLE = new SupportLevel(true, null);

    public static SupportLevel unsupported(String reason) {
        return new SupportLevel(false, reason);
    }
}
