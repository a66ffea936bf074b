package dev.ember.bench;

import org.apache.flink.runtime.util.EnvironmentInformation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a result depends on besides the code: recorded with every result so numbers from different machines or
 * settings are never compared by accident.
 */
record MachineInfo(int nproc, String cpuModel, String java, String flink, String ember, String batchSize,
        int parallelism, long events, int warmups, int runs, long seed, String gitSha) {

    static MachineInfo collect(BenchOptions o) {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                EnvironmentInformation.getVersion(),
                emberVersion(),
                (o.batchSize != null ? Integer.toString(o.batchSize) : "1024 (Ember default)")
                        + o.emberSettings.entrySet().stream().map(e -> ", " + e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining()),
                o.parallelism, o.events, o.warmups, o.runs, o.seed, o.gitSha);
    }

    String header() {
        return String.format("Ember bench: %d events/run, parallelism %d, %d warm-up + %d measured runs per mode,"
                        + " seed %d%n  machine: %d CPUs, %s; Java %s%n  Flink %s, Ember %s, batch size %s, git %s",
                events, parallelism, warmups, runs, seed, nproc, cpuModel, java, flink, ember, batchSize, gitSha);
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the model is informational only.
        }
        return "unknown";
    }

    /** From the Ember jar's Maven metadata, else its file name on the classpath. */
    private static String emberVersion() {
        try (InputStream in = MachineInfo.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/dev.ember/ember-flink/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through to the class path
        }
        Matcher m = Pattern.compile("00-ember-flink-([^/:]+?)\\.jar").matcher(System.getProperty("java.class.path"));
        return m.find() ? m.group(1) : "absent";
    }
}
