package dev.ember.flink.format;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Flink's own {@code csv} reader ({@code CsvReaderFormat}: Jackson's CSV parser and {@code CsvToRowDataConverters}) as
 * a deserializer of one raw record, for the records the native decoder leaves to Flink. A record is handed over with
 * its line break (and, with comments allowed, the comment lines before it), so Jackson parses exactly the file's
 * bytes; it starts where Jackson's tokenizer is between records (see {@link CsvRecordSyntax}), so the rows and errors
 * are those of a stock scan. A UTF-8 byte order mark is put before each record: Jackson skips one at the start of its
 * input (the file's own is skipped by the reader), and so it reads every record as UTF-8, as it reads the file.
 */
final class CsvRecordDeserializer implements DeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Configuration NO_CONFIG = new Configuration();

    private final SimpleStreamFormat<RowData> csvReaderFormat;

    private CsvRecordDeserializer(SimpleStreamFormat<RowData> csvReaderFormat) {
        this.csvReaderFormat = csvReaderFormat;
    }

    /** The deserializer over the {@code CsvReaderFormat} inside the {@code StreamFormatAdapter} Flink's format made. */
    @SuppressWarnings("unchecked")
    static CsvRecordDeserializer of(BulkFormat<RowData, ?> stockReader) {
        Object format = field(stockReader, "streamFormat");
        if (!(format instanceof SimpleStreamFormat)) {
            throw new IllegalStateException("unexpected csv reader " + format + " (Flink version mismatch?)");
        }
        return new CsvRecordDeserializer((SimpleStreamFormat<RowData>) format);
    }

    @Override
    public RowData deserialize(byte[] message) throws IOException {
        List<RowData> rows = new ArrayList<>(1);
        deserialize(message, new Collector<>() {
            @Override
            public void collect(RowData row) {
                rows.add(row);
            }

            @Override
            public void close() {}
        });
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public void deserialize(byte[] message, Collector<RowData> out) throws IOException {
        byte[] bytes = new byte[UTF8_BOM.length + message.length];
        System.arraycopy(UTF8_BOM, 0, bytes, 0, UTF8_BOM.length);
        System.arraycopy(message, 0, bytes, UTF8_BOM.length, message.length);
        try (StreamFormat.Reader<RowData> reader = csvReaderFormat.createReader(NO_CONFIG, new BytesInput(bytes))) {
            for (RowData row = reader.read(); row != null; row = reader.read()) {
                out.collect(row);
            }
        }
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return csvReaderFormat.getProducedType();
    }

    private static Object field(Object target, String name) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + target.getClass().getName() + "." + name, e);
        }
    }

    /** One record's bytes as the stream Flink's reader reads. */
    private static final class BytesInput extends FSDataInputStream {
        private final byte[] bytes;
        private int pos;

        BytesInput(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void seek(long desired) {
            pos = (int) Math.min(desired, bytes.length);
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
