package dev.ember.flink.format;

import org.apache.flink.api.common.io.compression.InflaterInputStreamFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a file split as chunks of raw records ({@link LineChunks}) for a native Calc to parse: the reader a fused scan
 * runs instead of Flink's reader of the format. Where records end is the {@link RecordSyntax}'s business: lines
 * ({@link RecordSyntax#LINES}, below) or CSV records ({@link CsvRecordSyntax}).
 *
 * <p>For lines it yields exactly the lines Flink's reader hands to the format, and counts positions the same way, so
 * checkpoints and savepoints carry over between stock and fused runs:
 *
 * <ul>
 *   <li>lines end at {@code \n}; one {@code \r} before it is removed; the last line needs no {@code \n};
 *   <li>a split starting at {@code s > 0} skips everything up to and including the first {@code \n} at or after
 *       {@code s}, and a split ending at {@code e} reads every line that starts at or before {@code e} (Flink's
 *       {@code DelimitedInputFormat}), so each line belongs to exactly one split;
 *   <li>files with a compression suffix are decompressed and read whole (they are never split);
 *   <li>empty lines are dropped: the JSON format makes no row of them, and the checkpointed position counts
 *       records after the split start ({@code recordsAfterOffset}), which Flink counts in rows produced. (They
 *       differ only for lines Flink's format skips or splits into several rows, which the fast path never
 *       accepts.)
 * </ul>
 */
final class RawLinesBulkFormat implements BulkFormat<RowData, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    /** Chunks stop after this many bytes of lines (a longer line still goes whole). */
    private static final int CHUNK_BYTES = 1 << 20;

    private static final int READ_BUFFER_BYTES = 1 << 20;

    private final int linesPerChunk;
    private final RecordSyntax syntax;

    RawLinesBulkFormat(int linesPerChunk) {
        this(linesPerChunk, RecordSyntax.LINES);
    }

    RawLinesBulkFormat(int linesPerChunk, RecordSyntax syntax) {
        this.linesPerChunk = linesPerChunk;
        this.syntax = syntax;
    }

    @Override
    public Reader<RowData> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new LineReader(split, 0);
    }

    @Override
    public Reader<RowData> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new LineReader(split, skip);
    }

    @Override
    public boolean isSplittable() {
        return syntax.splittable();
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(LineChunks.TYPE);
    }

    private final class LineReader implements BulkFormat.Reader<RowData> {

        private final InputStream in;
        /** File position of {@code buffer[0]}. */
        private long bufferStart;
        private final byte[] buffer = new byte[READ_BUFFER_BYTES];
        private int pos;
        private int limit;
        private boolean eof;
        /** Lines starting after this file position belong to the next split. */
        private final long lastLineStart;
        private boolean done;
        /** Non-empty lines emitted (or skipped on restore) since the split start. */
        private long linesRead;

        private byte[] data = new byte[64 * 1024];
        private byte[] ends = new byte[4 * 1024];
        private final RecordSyntax.Splitter splitter = syntax.splitter();

        LineReader(FileSourceSplit split, long skipLines) throws IOException {
            Path path = split.path();
            FSDataInputStream raw = path.getFileSystem().open(path);
            InflaterInputStreamFactory<?> inflater = StandardDeCompressors.getDecompressorForFileName(path.getPath());
            if (inflater != null) {
                in = inflater.create(raw);
                lastLineStart = Long.MAX_VALUE;
            } else {
                raw.seek(split.offset());
                in = raw;
                bufferStart = split.offset();
                lastLineStart = split.offset() + split.length();
                if (split.offset() > 0 && skipLine() < 0) {
                    done = true;
                }
            }
            if (split.offset() == 0 && !done && fill()) {
                pos += splitter.skipAtFileStart(buffer, pos, limit);
            }
            while (linesRead < skipLines && !done) {
                long start = nextLineStart();
                if (start < 0) {
                    done = true;
                } else if (recordEnd() > 0) {
                    linesRead++;
                }
            }
        }

        @Nullable
        @Override
        public RecordIterator<RowData> readBatch() throws IOException {
            int lines = 0;
            int size = 0;
            while (!done && lines < linesPerChunk && size < CHUNK_BYTES) {
                if (nextLineStart() < 0) {
                    done = true;
                    break;
                }
                int length = recordEnd();
                if (length == 0) {
                    continue;
                }
                if (size + length > data.length) {
                    data = Arrays.copyOf(data, Math.max(size + length, data.length * 2));
                }
                System.arraycopy(line, lineOffset, data, size, length);
                size += length;
                if ((lines + 1) * Integer.BYTES > ends.length) {
                    ends = Arrays.copyOf(ends, ends.length * 2);
                }
                putInt(ends, lines * Integer.BYTES, size);
                lines++;
            }
            if (lines == 0) {
                return null;
            }
            linesRead += lines;
            SingletonResultIterator<RowData> chunk = new SingletonResultIterator<>();
            chunk.set(
                    LineChunks.of(Arrays.copyOf(data, size), Arrays.copyOf(ends, lines * Integer.BYTES)),
                    CheckpointedPosition.NO_OFFSET,
                    linesRead);
            return chunk;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        // ---- line splitting -----------------------------------------------------------------------------------

        /** The current record, set by {@link #recordEnd}: {@code line[lineOffset ..]}. */
        private byte[] line;
        private int lineOffset;
        /** A line longer than what is left in the buffer is assembled here. */
        private byte[] longLine = new byte[1024];

        /** Positions at the next line; its file position, or -1 at the end of the split. */
        private long nextLineStart() throws IOException {
            if (pos >= limit && !fill()) {
                return -1;
            }
            long start = bufferStart + pos;
            return start > lastLineStart ? -1 : start;
        }

        /**
         * Consumes the record at the current position and returns the length the syntax hands on of it (0: dropped);
         * the bytes are at {@code line[lineOffset ..]}.
         */
        private int recordEnd() throws IOException {
            int from = pos;
            int end = splitter.end(buffer, from, limit);
            if (end >= 0) {
                pos = end;
                line = buffer;
                lineOffset = from;
                return splitter.payload(buffer, from, end - from);
            }
            // The record continues past the buffer: gather it.
            int length = 0;
            boolean record = true;
            while (true) {
                int chunkEnd = end >= 0 ? end : limit;
                int n = chunkEnd - from;
                if (length + n > longLine.length) {
                    longLine = Arrays.copyOf(longLine, Math.max(length + n, longLine.length * 2));
                }
                System.arraycopy(buffer, from, longLine, length, n);
                length += n;
                if (end >= 0) {
                    pos = end;
                    break;
                }
                pos = limit;
                if (!fill()) {
                    record = splitter.recordAtEof();
                    break;
                }
                from = pos;
                end = splitter.end(buffer, from, limit);
            }
            line = longLine;
            lineOffset = 0;
            return record ? splitter.payload(longLine, 0, length) : 0;
        }

        /** Skips up to and including the first {@code \n}; -1 if there is none. */
        private int skipLine() throws IOException {
            while (true) {
                if (pos >= limit && !fill()) {
                    return -1;
                }
                int newline = indexOfNewline(buffer, pos, limit);
                if (newline >= 0) {
                    pos = newline + 1;
                    return 0;
                }
                pos = limit;
            }
        }

        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            bufferStart += limit;
            pos = 0;
            limit = 0;
            int read = in.read(buffer, 0, buffer.length);
            if (read <= 0) {
                eof = true;
                return false;
            }
            limit = read;
            return true;
        }
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void putInt(byte[] target, int offset, int value) {
        target[offset] = (byte) value;
        target[offset + 1] = (byte) (value >>> 8);
        target[offset + 2] = (byte) (value >>> 16);
        target[offset + 3] = (byte) (value >>> 24);
    }
}
