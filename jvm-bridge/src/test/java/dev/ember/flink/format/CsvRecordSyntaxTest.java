package dev.ember.flink.format;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Where {@link CsvRecordSyntax} ends records, whole or fed in pieces (as across read buffers). */
class CsvRecordSyntaxTest {

    private static final CsvRecordSyntax DEFAULT = new CsvRecordSyntax(',', '"', -1, false);

    @Test
    void recordsEndWhereJacksonEndsThem() {
        assertThat(records(DEFAULT, "a,b\n\"x\ny\",z\r\n\n\"q\"\"\r\"\rlast"))
                .containsExactly("a,b\n", "\"x\ny\",z\r\n", "\n", "\"q\"\"\r\"\r", "last");
        // After a closing quote, other characters are Jackson's error; it reads on as at a field start.
        assertThat(records(DEFAULT, "\"a\"x\"b\nc\",d\ne\n")).containsExactly("\"a\"x\"b\nc\",d\n", "e\n");
        CsvRecordSyntax escaped = new CsvRecordSyntax(';', '\'', '\\', false);
        assertThat(records(escaped, "a\\\nb;c\n'x\\'\ny'\n")).containsExactly("a\\\nb;c\n", "'x\\'\ny'\n");
        CsvRecordSyntax comments = new CsvRecordSyntax(',', '"', -1, true);
        assertThat(records(comments, "# c\n\n  a,b\n#\"x\n# end")).containsExactly("# c\n\n  a,b\n");
        CsvRecordSyntax unquoted = new CsvRecordSyntax(',', -1, -1, false);
        byte[] invalid = {'"', 'a', (byte) 0xFF, '\n', 'b', '\n'};
        assertThat(records(unquoted, invalid)).hasSize(2);
        assertThat(records(DEFAULT, "\"unterminated\nx\n")).containsExactly("\"unterminated\nx\n");
    }

    @Test
    void piecesGiveTheSameRecords() {
        Random random = new Random(3);
        String alphabet = "ab,\"\\#\r\n ";
        for (CsvRecordSyntax syntax : List.of(DEFAULT, new CsvRecordSyntax(',', '"', '\\', true),
                new CsvRecordSyntax('\t', -1, -1, false))) {
            for (int n = 0; n < 300; n++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(60); i > 0; i--) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                List<String> whole = records(syntax, bytes);
                // Records are consecutive: only skipped comment lines may be left at the end.
                assertThat(text.toString()).startsWith(String.join("", whole));
                for (int piece = 1; piece <= 3; piece++) {
                    assertThat(records(syntax, bytes, piece)).as("%s in pieces of %d", text, piece).isEqualTo(whole);
                }
            }
        }
    }

    private static List<String> records(CsvRecordSyntax syntax, String text) {
        return records(syntax, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> records(CsvRecordSyntax syntax, byte[] bytes) {
        return records(syntax, bytes, bytes.length + 1);
    }

    /** The records, scanning {@code piece} bytes at a time (as the reader does buffer by buffer). */
    private static List<String> records(CsvRecordSyntax syntax, byte[] bytes, int piece) {
        RecordSyntax.Splitter splitter = syntax.splitter();
        List<String> out = new ArrayList<>();
        int start = 0;
        int pos = 0;
        while (pos < bytes.length) {
            int to = Math.min(bytes.length, pos + piece);
            int end = splitter.end(bytes, pos, to);
            if (end >= 0) {
                out.add(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
                start = end;
                pos = end;
            } else {
                pos = to;
            }
        }
        if (start < bytes.length && splitter.recordAtEof()) {
            out.add(new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
