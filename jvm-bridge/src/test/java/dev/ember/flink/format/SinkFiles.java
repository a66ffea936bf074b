package dev.ember.flink.format;

import dev.ember.flink.FlinkRunner;

import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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

    /**
     * The job vertices of {@code insert} with their operator ids, one line per vertex in topological order: what a
     * savepoint is matched by.
     */
    static List<String> operatorIds(FlinkRunner runner, String insert) {
        StreamStatementSet set = runner.tableEnv().createStatementSet();
        set.addInsertSql(insert);
        set.attachAsDataStream();
        JobGraph graph = runner.env().getStreamGraph().getJobGraph();
        List<String> ids = new ArrayList<>();
        for (JobVertex vertex : graph.getVerticesSortedTopologicallyFromSources()) {
            StringBuilder line = new StringBuilder(vertex.getID().toString());
            for (OperatorIDPair operator : vertex.getOperatorIDs()) {
                line.append(' ').append(operator.getGeneratedOperatorID());
            }
            ids.add(line.toString());
        }
        return ids;
    }
}
