package dev.ember.flink.jni;

/**
 * An error raised by the native library (a plan it cannot run, a runtime failure, or a caught Rust panic).
 * Thrown from native code with the native message; it fails the task like any other Flink task failure.
 */
public class EmberNativeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmberNativeException(String message) {
        super(message);
    }
}
