package dev.ember.flink.format;

import java.io.Serializable;

/**
 * Where a file's records end, for {@link RawLinesBulkFormat}: lines for line formats ({@link #LINES}), quote-aware
 * records for {@code csv} ({@link CsvRecordSyntax}).
 */
interface RecordSyntax extends Serializable {

    /** Newline-delimited records: Flink's {@code DelimitedInputFormat} lines, as the {@code json} format reads them. */
    RecordSyntax LINES = new Lines();

    /** True if a file may be read in several splits (each record then belongs to the split it starts in). */
    boolean splittable();

    /** A new splitter for one reader. */
    Splitter splitter();

    /** The stateful scanner of one reader. */
    interface Splitter {

        /**
         * Scans {@code bytes[from, to)}, the next bytes of the current record. Returns the index just after the record
         * (the splitter is then ready for the next record), or -1 if it continues after {@code to}. May return
         * {@code from} when the record ended in earlier bytes (e.g. a CR whose next byte had to be seen).
         */
        int end(byte[] bytes, int from, int to);

        /** At the end of the input, after a partial record: true if its bytes are a record. Resets the splitter. */
        boolean recordAtEof();

        /** How many of a record's bytes are handed on (e.g. without its line break); 0 drops the record. */
        int payload(byte[] bytes, int from, int length);

        /** Bytes to skip at the start of a file before its first record (e.g. a byte order mark). */
        default int skipAtFileStart(byte[] bytes, int from, int to) throws java.io.IOException {
            return 0;
        }
    }

    /**
     * Lines end at {@code \n}; the handed-on line drops it and one {@code \r} before it; empty lines are dropped (the
     * JSON format makes no row of them).
     */
    final class Lines implements RecordSyntax, Splitter {
        private static final long serialVersionUID = 1L;

        private Lines() {}

        @Override
        public boolean splittable() {
            return true;
        }

        @Override
        public Splitter splitter() {
            return this; // stateless
        }

        @Override
        public int end(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\n') {
                    return i + 1;
                }
            }
            return -1;
        }

        @Override
        public boolean recordAtEof() {
            return true;
        }

        @Override
        public int payload(byte[] bytes, int from, int length) {
            if (length > 0 && bytes[from + length - 1] == '\n') {
                length--;
            }
            if (length > 0 && bytes[from + length - 1] == '\r') {
                length--;
            }
            return length;
        }

        private Object readResolve() {
            return LINES;
        }
    }
}
