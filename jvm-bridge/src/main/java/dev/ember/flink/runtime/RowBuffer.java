package dev.ember.flink.runtime;

import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.table.data.binary.BinaryRowData;

import java.nio.ByteBuffer;

/**
 * Records laid back to back in off-heap memory, plus their offsets (entry i = start of record i, entry n = end of the
 * last): the input of one native call. Both segments are reused and grow by doubling, never shrink; a record is one
 * memcpy, without per-record objects.
 */
final class RowBuffer {

    private MemorySegment bytes;
    private MemorySegment offsets;
    private int count;
    private int size;

    RowBuffer(int records, int bytesPerRecord) {
        bytes = allocate(records * bytesPerRecord);
        offsets = allocate((records + 1) * Integer.BYTES);
    }

    int count() {
        return count;
    }

    ByteBuffer bytes() {
        return bytes.getOffHeapBuffer();
    }

    ByteBuffer offsets() {
        return offsets.getOffHeapBuffer();
    }

    void clear() {
        count = 0;
        size = 0;
    }

    /** Appends a row's bytes, copied contiguously even if the row spans several segments. */
    void append(BinaryRowData row) {
        int length = row.getSizeInBytes();
        reserve(length);
        MemorySegment[] segments = row.getSegments();
        int offset = row.getOffset();
        int target = size;
        if (segments.length == 1 || offset + length <= segments[0].size()) {
            segments[0].copyTo(offset, bytes, target, length);
        } else {
            // A row spread over several segments (rows read from sort/spill buffers): copy piece by piece.
            int segmentSize = segments[0].size();
            int index = offset / segmentSize;
            int inSegment = offset % segmentSize;
            int remaining = length;
            while (remaining > 0) {
                int chunk = Math.min(remaining, segmentSize - inSegment);
                segments[index].copyTo(inSegment, bytes, target, chunk);
                target += chunk;
                remaining -= chunk;
                index++;
                inSegment = 0;
            }
        }
        commit(length);
    }

    /**
     * Appends records laid back to back in {@code data}, record i ending at the little-endian int {@code i} of
     * {@code ends} (a chunk of lines of a fused scan): one copy for all of them.
     */
    void appendLines(byte[] data, byte[] ends) {
        int lines = ends.length / Integer.BYTES;
        if (size + data.length > bytes.size()) {
            bytes = grow(bytes, size, size + data.length);
        }
        if ((count + lines + 1) * Integer.BYTES > offsets.size()) {
            offsets = grow(offsets, (count + 1) * Integer.BYTES, (count + lines + 1) * Integer.BYTES);
        }
        bytes.put(size, data, 0, data.length);
        int base = size;
        for (int i = 0; i < lines; i++) {
            int end = (ends[i * 4] & 0xff) | (ends[i * 4 + 1] & 0xff) << 8 | (ends[i * 4 + 2] & 0xff) << 16
                    | (ends[i * 4 + 3] & 0xff) << 24;
            offsets.putIntLittleEndian((count + i + 1) * Integer.BYTES, base + end);
        }
        offsets.putIntLittleEndian(count * Integer.BYTES, base);
        count += lines;
        size += data.length;
    }

    /** A copy of record {@code i}'s bytes. */
    byte[] record(int i) {
        int start = offsets.getIntLittleEndian(i * Integer.BYTES);
        int end = offsets.getIntLittleEndian((i + 1) * Integer.BYTES);
        byte[] copy = new byte[end - start];
        bytes.get(start, copy, 0, copy.length);
        return copy;
    }

    void free() {
        for (MemorySegment segment : new MemorySegment[] {bytes, offsets}) {
            if (!segment.isFreed()) {
                segment.free();
            }
        }
    }

    private void reserve(int length) {
        if (size + length > bytes.size()) {
            bytes = grow(bytes, size, size + length);
        }
        if ((count + 2) * Integer.BYTES > offsets.size()) {
            offsets = grow(offsets, (count + 1) * Integer.BYTES, (count + 2) * Integer.BYTES);
        }
    }

    private void commit(int length) {
        offsets.putIntLittleEndian(count * Integer.BYTES, size);
        size += length;
        count++;
        offsets.putIntLittleEndian(count * Integer.BYTES, size);
    }

    /** Off-heap memory outside the JVM's direct-memory limit, as Flink's managed memory is. */
    static MemorySegment allocate(int bytes) {
        return MemorySegmentFactory.allocateOffHeapUnsafeMemory(Math.max(bytes, 64));
    }

    private static MemorySegment grow(MemorySegment segment, int used, int needed) {
        MemorySegment bigger = allocate(Math.max(needed, segment.size() * 2));
        segment.copyTo(0, bigger, 0, used);
        segment.free();
        return bigger;
    }
}
