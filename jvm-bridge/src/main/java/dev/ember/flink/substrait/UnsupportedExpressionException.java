package dev.ember.flink.substrait;

/**
 * Internal signal of the translator: something in a Calc has no native form. Thrown by converters deep in an
 * expression tree and caught by {@link CalcTranslator}, which turns the message into the Calc's fallback reason; it
 * never leaves the translator. No stack trace: it is control flow, not an error.
 */
public final class UnsupportedExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsupportedExpressionException(String reason) {
        super(reason, null, false, false);
    }
}
