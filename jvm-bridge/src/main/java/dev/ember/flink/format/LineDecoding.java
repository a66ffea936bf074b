package dev.ember.flink.format;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.data.RowData;

import java.io.Serializable;

/**
 * What a native Calc fed by a fused scan needs at run time: the format's native options and Flink's own deserializer
 * for the batches the native parser leaves to Flink.
 *
 * @param format the format's name, as in the table's {@code 'format'} option (only {@code json} so far)
 * @param formatOptions the table's format options without the format prefix, as key/value pairs
 * @param stockSchema the deserializer stock Flink would run for this scan (not yet opened)
 */
public record LineDecoding(String format, String[] formatOptions, DeserializationSchema<RowData> stockSchema)
        implements Serializable {}
