package dev.ember.flink.format;

import java.io.IOException;

/**
 * Records of Flink's {@code csv} format: where Jackson's {@code CsvDecoder} (2.20, as Flink 2.3 shades it) ends them.
 * A record ends at CR, LF or CRLF outside quotes; a quote starts a quoted field only as a field's first character, and
 * inside it line breaks are content, a doubled quote is a quote and the escape character takes the next character;
 * outside quotes the escape character takes the next character too (a line break included). After a closing quote
 * anything but the delimiter or a line break is an error in Jackson, which then goes on reading from the next
 * character as at a field start; so does this splitter. With {@code allow-comments}, blank lines, lines starting with
 * {@code #} after spaces, and spaces before a record are skipped: they are handed on with the record that follows
 * (the native decoder skips them the same way); at the end of the file they are no record.
 *
 * <p>Records are handed on whole, line break included, so Flink's reader parses exactly the file's bytes when the
 * native side leaves a batch to it. The format is not splittable (as Flink's {@code CsvReaderFormat}), so a record
 * never crosses a split. A UTF-8 byte order mark at the file start is skipped (Jackson does); a file whose first bytes
 * make Jackson read UTF-16 or UTF-32 fails the read: Ember reads only UTF-8 files (disable
 * {@code ember.format.csv.enabled} for others).
 */
final class CsvRecordSyntax implements RecordSyntax {
    private static final long serialVersionUID = 1L;

    private final byte delimiter;
    /** -1: none. */
    private final int quote;
    /** -1: none. */
    private final int escape;
    private final boolean allowComments;

    /** Characters must be ASCII (the planner checks). */
    CsvRecordSyntax(char delimiter, int quote, int escape, boolean allowComments) {
        this.delimiter = (byte) delimiter;
        this.quote = quote;
        this.escape = escape;
        this.allowComments = allowComments;
    }

    @Override
    public boolean splittable() {
        return false;
    }

    @Override
    public Splitter splitter() {
        return new CsvSplitter();
    }

    private enum State {
        /** Before a record: skipping comment lines and blanks (with comments allowed), else = FIELD_START. */
        RECORD_START,
        COMMENT,
        FIELD_START,
        UNQUOTED,
        UNQUOTED_ESCAPE,
        QUOTED,
        QUOTED_ESCAPE,
        /** After a quote inside a quoted field: doubled, or the closing quote. */
        QUOTE_SEEN,
        AFTER_QUOTE,
        /** A CR ended the record: one LF right after it belongs to it. */
        CR_SEEN
    }

    private final class CsvSplitter implements Splitter {
        private State state = start();

        private State start() {
            return allowComments ? State.RECORD_START : State.FIELD_START;
        }

        @Override
        public int end(byte[] bytes, int from, int to) {
            State s = state;
            for (int i = from; i < to; i++) {
                int b = bytes[i] & 0xFF; // never -1, the "none" of quote and escape
                switch (s) {
                    case CR_SEEN:
                        state = start();
                        return b == '\n' ? i + 1 : i;
                    case RECORD_START:
                        if (b == '#') {
                            s = State.COMMENT;
                        } else if (b != '\r' && b != '\n' && b != ' ') {
                            s = State.FIELD_START;
                            i--; // this byte starts the first field
                        }
                        break;
                    case COMMENT:
                        if (b == '\r' || b == '\n') {
                            s = State.RECORD_START;
                        }
                        break;
                    case FIELD_START:
                        if (b == '\r' || b == '\n') {
                            return lineEnd(bytes, i, to);
                        } else if (b == quote) {
                            s = State.QUOTED;
                        } else if (b == delimiter) {
                            s = State.FIELD_START;
                        } else if (b == escape) {
                            s = State.UNQUOTED_ESCAPE;
                        } else {
                            s = State.UNQUOTED;
                        }
                        break;
                    case UNQUOTED:
                        // Fast path: the field's plain bytes.
                        while (b != delimiter && b != '\r' && b != '\n' && b != escape && i + 1 < to) {
                            b = bytes[++i] & 0xFF;
                        }
                        if (b == delimiter) {
                            s = State.FIELD_START;
                        } else if (b == '\r' || b == '\n') {
                            return lineEnd(bytes, i, to);
                        } else if (b == escape) {
                            s = State.UNQUOTED_ESCAPE;
                        }
                        break;
                    case UNQUOTED_ESCAPE:
                        s = State.UNQUOTED;
                        break;
                    case QUOTED:
                        while (b != quote && b != escape && i + 1 < to) {
                            b = bytes[++i] & 0xFF;
                        }
                        if (b == quote) {
                            s = State.QUOTE_SEEN;
                        } else if (b == escape) {
                            s = State.QUOTED_ESCAPE;
                        }
                        break;
                    case QUOTED_ESCAPE:
                        s = State.QUOTED;
                        break;
                    case QUOTE_SEEN:
                        if (b == quote) {
                            s = State.QUOTED;
                            break;
                        }
                        s = State.AFTER_QUOTE;
                        i--; // look at this byte after the closing quote
                        break;
                    case AFTER_QUOTE:
                        if (b == delimiter) {
                            s = State.FIELD_START;
                        } else if (b == '\r' || b == '\n') {
                            return lineEnd(bytes, i, to);
                        } else if ((b & 0xFF) > ' ') {
                            // Jackson's error; it reads on from the next character as at a field start.
                            s = State.FIELD_START;
                        }
                        break;
                    default:
                        throw new IllegalStateException(s.name());
                }
            }
            state = s;
            return -1;
        }

        /** The record ends with the line break at {@code i} (a CR takes one LF right after it). */
        private int lineEnd(byte[] bytes, int i, int to) {
            if (bytes[i] == '\r') {
                if (i + 1 == to) {
                    state = State.CR_SEEN;
                    return -1;
                }
                state = start();
                return bytes[i + 1] == '\n' ? i + 2 : i + 1;
            }
            state = start();
            return i + 1;
        }

        @Override
        public boolean recordAtEof() {
            boolean record = state != State.RECORD_START && state != State.COMMENT;
            state = start();
            return record;
        }

        @Override
        public int payload(byte[] bytes, int from, int length) {
            return length;
        }

        @Override
        public int skipAtFileStart(byte[] bytes, int from, int to) throws IOException {
            int n = to - from;
            int b0 = n > 0 ? bytes[from] & 0xFF : -1;
            int b1 = n > 1 ? bytes[from + 1] & 0xFF : -1;
            if (n >= 3 && b0 == 0xEF && b1 == 0xBB && (bytes[from + 2] & 0xFF) == 0xBF) {
                return 3;
            }
            if ((n >= 2 && (b0 == 0 || b1 == 0)) || (n >= 4 && ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)))) {
                throw new IOException("the CSV file is not UTF-8 (Flink's CSV reader would read it as UTF-16 or UTF-32);"
                        + " set 'ember.format.csv.enabled' to false to read it");
            }
            return 0;
        }
    }
}
