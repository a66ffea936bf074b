package dev.ember.flink.substrait;

import dev.ember.flink.testing.EmberTestSupport;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/coverage.md} is generated from the function tables ({@code CoverageTable}) and must not drift: after
 * changing a table, regenerate it with {@code mvn test -Dtest=CoverageTableTest -Dember.coverage.update=true}.
 */
class CoverageTableTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void coverageTableIsUpToDate() throws Exception {
        String yaml = Files.readString(
                ROOT.resolve("substrait-plans/extensions/functions_flink.yaml"), StandardCharsets.UTF_8);
        String generated = (String) EmberTestSupport.plannerClass("dev.ember.flink.substrait.functions.CoverageTable")
                .getMethod("markdown", String.class)
                .invoke(null, yaml);
        Path file = ROOT.resolve("docs/coverage.md");
        if (Boolean.getBoolean("ember.coverage.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(generated).contains("| `UPPER` | yes | `upper` |", "| `LN` | no |");
        assertThat(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "")
                .as("docs/coverage.md is stale: mvn test -Dtest=CoverageTableTest -Dember.coverage.update=true")
                .isEqualTo(generated);
    }
}
