package dev.ember.flink.jni;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Native failures reach Java as exceptions with the native message; the JVM survives them. */
class NativeBridgeTest {

    @BeforeAll
    static void load() {
        NativeLibrary.ensureLoaded();
    }

    @Test
    void panicBecomesJavaException() {
        assertThatThrownBy(() -> NativeBridge.selfTestPanic("boom 42"))
                .isExactlyInstanceOf(EmberNativeException.class)
                .hasMessage("native panic: boom 42");
        // The library keeps working after a caught panic.
        assertThatThrownBy(() -> NativeBridge.selfTestPanic("again")).hasMessageContaining("again");
    }

    @Test
    void malformedPlanIsRejectedWithMessage() {
        assertThatThrownBy(() -> NativeBridge.validateCalc(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(EmberNativeException.class)
                .hasMessageContaining("plan");
    }

    @Test
    void closedHandleIsAnErrorNotACrash() {
        assertThatThrownBy(() -> NativeBridge.drainCalc(0, null, null))
                .isInstanceOf(EmberNativeException.class)
                .hasMessageContaining("closed");
    }
}
