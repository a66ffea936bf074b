package dev.ember.flink.jni;

/**
 * The native library cannot run a plan (a function, cast or type it does not support with Flink's exact
 * semantics). Raised at planning time by {@link NativeBridge#validateCalc}; the Calc then stays stock Flink and the
 * message becomes its fallback reason.
 */
public class EmberUnsupportedException extends EmberNativeException {
    private static final long serialVersionUID = 1L;

    public EmberUnsupportedException(String message) {
        super(message);
    }
}
