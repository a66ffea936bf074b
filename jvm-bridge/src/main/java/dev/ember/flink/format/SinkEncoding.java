package dev.ember.flink.format;

import java.io.Serializable;

/**
 * How a native Calc encodes its results for the fused sink it feeds ({@link SinkFusion}).
 *
 * @param format the sink table's format ({@code json})
 * @param formatOptions the sink table's format options without the format prefix, as key/value pairs
 * @param fieldNames the sink's field names (the JSON keys), each nested field after its ROW field
 */
public record SinkEncoding(String format, String[] formatOptions, String[] fieldNames) implements Serializable {}
