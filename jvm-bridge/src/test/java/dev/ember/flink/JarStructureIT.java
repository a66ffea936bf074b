package dev.ember.flink;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the shipped drop-in jar (runs after {@code package}): what it shadows, bundles and must not carry. */
class JarStructureIT {

    @Test
    void dropInJarHasTheExpectedShape() throws IOException {
        File[] jars = new File("target").listFiles((dir, name) -> name.startsWith("00-ember-flink-") && name.endsWith(".jar"));
        assertThat(jars).as("built jar in target/").hasSize(1);
        List<String> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(jars[0])) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                entries.add(e.nextElement().getName());
            }
        }
        // The one shadowed Flink class, and nothing else under org/apache/flink.
        assertThat(entries.stream().filter(n -> n.startsWith("org/apache/flink/") && n.endsWith(".class")))
                .containsExactly("org/apache/flink/table/planner/loader/DelegatePlannerFactory.class");
        assertThat(entries).contains("native/linux-x86_64/libember_jni.so");
        assertThat(entries).contains("dev/ember/flink/runtime/NativeCalcOperator.class");
        // Bundled libraries are relocated so they cannot clash with user jars.
        assertThat(entries).anyMatch(n -> n.startsWith("dev/ember/shaded/io/substrait/proto/"));
        assertThat(entries).noneMatch(n -> n.startsWith("io/substrait/") || n.startsWith("com/google/protobuf/"));
        // A services file would register a second planner factory.
        assertThat(entries).noneMatch(n -> n.startsWith("META-INF/services/"));
    }
}
