package dev.ember.flink.corpus;

import dev.ember.flink.FlinkRunner.Mode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One statement of a corpus file (format: {@code src/test/resources/corpus/README.md}) with its directives.
 *
 * @param file file name, for messages
 * @param line line the statement starts on
 * @param sql the statement without its trailing ";"
 * @param expect what Ember must do with it
 * @param expectText the text after the expectation keyword ("" if none)
 * @param modes the modes it runs in
 * @param nativeFromJdk19 prints FLOAT/DOUBLE as text: runs natively only on Java 19+ (Ember reproduces the JDK 19+
 *     {@code Double.toString}), stays stock on older JVMs
 */
public record CorpusQuery(
        String file, int line, String sql, Expect expect, String expectText, Set<Mode> modes, boolean nativeFromJdk19) {

    /** Whether this JVM is one where FLOAT/DOUBLE text runs natively. */
    static final boolean JDK19 = Runtime.version().feature() >= 19;

    /** Whether Ember must run the statement natively on this JVM. */
    public boolean nativeHere() {
        return expect != Expect.FALLBACK && (JDK19 || !nativeFromJdk19);
    }

    /** The text the fallback reason must contain on this JVM. */
    public String fallbackText() {
        return expect == Expect.FALLBACK ? expectText : "Double.toString";
    }

    /** What the accelerated run must show. */
    public enum Expect {
        /** EXPLAIN shows NativeCalc and the results equal stock Flink's. */
        NATIVE,
        /** The Calc stays stock (with a logged reason containing the text); results equal stock Flink's. */
        FALLBACK,
        /** Both runs fail with the same root cause, whose message contains the text. */
        ERROR
    }

    /** "strings.sql:12". */
    public String location() {
        return file + ":" + line;
    }

    /** Parses one corpus file. */
    public static List<CorpusQuery> parse(Path path) throws IOException {
        String file = path.getFileName().toString();
        List<CorpusQuery> queries = new ArrayList<>();
        Expect expect = Expect.NATIVE;
        String expectText = "";
        Set<Mode> modes = EnumSet.allOf(Mode.class);
        boolean jdk19 = false;
        StringBuilder sql = new StringBuilder();
        int start = 0;
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (sql.length() == 0) {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("--")) {
                    String directive = line.substring(2).strip();
                    if (directive.startsWith("expect:")) {
                        String[] parts = directive.substring("expect:".length()).strip().split("\\s+", 2);
                        expect = Expect.valueOf(parts[0].toUpperCase(Locale.ROOT));
                        expectText = parts.length > 1 ? parts[1] : "";
                    } else if (directive.equals("native-from-jdk19")) {
                        jdk19 = true;
                    } else if (directive.startsWith("modes:")) {
                        modes = EnumSet.noneOf(Mode.class);
                        for (String m : directive.substring("modes:".length()).strip().split("\\s+")) {
                            modes.add(mode(m, file, i + 1));
                        }
                    }
                    continue;
                }
                start = i + 1;
            }
            sql.append(sql.length() == 0 ? "" : "\n").append(lines.get(i));
            if (line.endsWith(";")) {
                String statement = sql.toString().strip();
                queries.add(new CorpusQuery(
                        file, start, statement.substring(0, statement.length() - 1), expect, expectText, modes,
                        jdk19));
                sql.setLength(0);
                expect = Expect.NATIVE;
                expectText = "";
                modes = EnumSet.allOf(Mode.class);
                jdk19 = false;
            }
        }
        if (sql.length() > 0) {
            throw new IllegalArgumentException(file + ":" + start + ": statement without a closing ';'");
        }
        return queries;
    }

    private static Mode mode(String name, String file, int line) {
        switch (name) {
            case "streaming":
                return Mode.STREAMING;
            case "changelog":
                return Mode.STREAMING_CHANGELOG;
            case "batch":
                return Mode.BATCH;
            default:
                throw new IllegalArgumentException(file + ":" + line + ": unknown mode '" + name + "'");
        }
    }
}
