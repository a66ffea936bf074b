package dev.ember.flink.substrait;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.substrait.proto.Plan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The debug dump of {@code ember.debug.plan-dump-dir}: {@code <dir>/<exec node id>.json} per translated plan (proto3
 * JSON, the golden-file format) and {@code <dir>/<exec node id>.fallback.txt} with the reason for each Calc that stays
 * stock. Best effort: a failing write is logged, never fails planning.
 */
public final class PlanDump {

    private static final Logger LOG = LoggerFactory.getLogger(PlanDump.class);

    private final Path dir;

    public PlanDump(String dir) {
        this.dir = Paths.get(dir);
    }

    public void plan(int execNodeId, Plan plan) {
        try {
            write(execNodeId + ".json", toJson(plan) + "\n");
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("Ember: cannot print plan {} as JSON: {}", execNodeId, e.toString());
        }
    }

    /** Proto3 JSON, the golden-file format of {@code substrait-plans/cases/}. */
    public static String toJson(Plan plan) throws InvalidProtocolBufferException {
        return JsonFormat.printer().print(plan);
    }

    public void fallback(int execNodeId, String reason) {
        write(execNodeId + ".fallback.txt", reason + "\n");
    }

    private void write(String fileName, String content) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(fileName), content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ember: cannot write plan dump {} to {}: {}", fileName, dir, e.toString());
        }
    }
}
