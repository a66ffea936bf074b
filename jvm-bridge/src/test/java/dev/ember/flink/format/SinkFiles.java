package dev.ember.flink.format;

import dev.ember.flink.FlinkRunner;
import dev.ember.flink.testing.EmberTestSupport;

import org.apache.flink.table.api.bridge.java.StreamStatementSet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the fused-sink tests (JSON, CSV) compare between stock and Ember: the files written and the job's ids. */
final class SinkFiles {

    private SinkFiles() {}

    /** Every file under {@code out} (in-progress ones too), concatenated in path order. */
    static byte[] contents(Path out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".crc"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            bytes.write(Files.readAllBytes(file));
        }
        return bytes.toByteArray();
    }

    /** The job vertices of {@code insert} with their operator ids ({@link EmberTestSupport#operatorIds}). */
    static List<String> operatorIds(FlinkRunner runner, String insert) {
        StreamStatementSet set = runner.tableEnv().createStatementSet();
        set.addInsertSql(insert);
        set.attachAsDataStream();
        return EmberTestSupport.operatorIds(runner.env());
    }

    /**
     * The ids of the job running {@code insert} from the table of {@code sourceDdl} into the sink of {@code sinkDdl};
     * with Ember, its sink must be fused.
     */
    static List<String> operatorIds(
            FlinkRunner.Mode mode, boolean ember, String sourceDdl, String sinkDdl, String insert) {
        FlinkRunner runner = new FlinkRunner(mode, ember);
        runner.tableEnv().executeSql(sourceDdl);
        runner.tableEnv().executeSql(sinkDdl);
        if (ember) {
            assertThat(runner.explain(insert)).contains("1 sink encoded natively");
        }
        return operatorIds(runner, insert);
    }
}
