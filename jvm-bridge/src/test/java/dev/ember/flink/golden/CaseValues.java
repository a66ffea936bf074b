package dev.ember.flink.golden;

import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON value conventions of golden cases ({@code substrait-plans/README.md}): rows are arrays with the RowKind
 * first; values per Flink type, converted to and from the external Java classes Flink uses by default (Integer,
 * BigDecimal, String, LocalDate, LocalDateTime, Instant, byte[], Row).
 */
final class CaseValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CaseValues() {}

    static Row rowFromJson(JsonNode json, RowType type) {
        RowKind kind = rowKind(json.get(0).asText());
        List<RowType.RowField> fields = type.getFields();
        Row row = Row.withPositions(kind, fields.size());
        for (int i = 0; i < fields.size(); i++) {
            row.setField(i, fromJson(json.get(i + 1), fields.get(i).getType()));
        }
        return row;
    }

    private static RowKind rowKind(String shortString) {
        for (RowKind kind : RowKind.values()) {
            if (kind.shortString().equals(shortString)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown RowKind " + shortString);
    }

    static ArrayNode rowToJson(Row row, List<LogicalType> types) {
        ArrayNode out = JSON.arrayNode();
        out.add(row.getKind().shortString());
        for (int i = 0; i < types.size(); i++) {
            out.add(toJson(row.getField(i), types.get(i)));
        }
        return out;
    }

    private static Object fromJson(JsonNode v, LogicalType type) {
        if (v == null || v.isNull()) {
            return null;
        }
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return v.asBoolean();
            case TINYINT:
                return (byte) v.asInt();
            case SMALLINT:
                return (short) v.asInt();
            case INTEGER:
                return v.asInt();
            case BIGINT:
                return v.asLong();
            case FLOAT:
                return v.isTextual() ? Float.parseFloat(v.asText()) : (float) v.asDouble();
            case DOUBLE:
                return v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
            case DECIMAL:
                return new BigDecimal(v.asText());
            case CHAR:
            case VARCHAR:
                return v.asText();
            case BINARY:
            case VARBINARY:
                return HexFormat.of().parseHex(v.asText());
            case DATE:
                return LocalDate.parse(v.asText());
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return LocalDateTime.parse(v.asText(), PARSER);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return LocalDateTime.parse(v.asText(), PARSER).toInstant(ZoneOffset.UTC);
            case ROW:
                RowType rowType = (RowType) type;
                Row nested = new Row(rowType.getFieldCount());
                for (int i = 0; i < rowType.getFieldCount(); i++) {
                    nested.setField(i, fromJson(v.get(i), rowType.getTypeAt(i)));
                }
                return nested;
            default:
                throw new IllegalArgumentException("no JSON convention for " + type);
        }
    }

    private static JsonNode toJson(Object v, LogicalType type) {
        if (v == null) {
            return JSON.nullNode();
        }
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return JSON.booleanNode((Boolean) v);
            case TINYINT:
            case SMALLINT:
            case INTEGER:
                return JSON.numberNode(((Number) v).intValue());
            case BIGINT:
                return JSON.numberNode((Long) v);
            case FLOAT:
                float f = (Float) v;
                return Float.isFinite(f) ? JSON.numberNode(f) : JSON.textNode(Float.toString(f));
            case DOUBLE:
                double d = (Double) v;
                return Double.isFinite(d) ? JSON.numberNode(d) : JSON.textNode(Double.toString(d));
            case DECIMAL:
                return JSON.textNode(((BigDecimal) v).setScale(((DecimalType) type).getScale()).toPlainString());
            case CHAR:
            case VARCHAR:
                return JSON.textNode((String) v);
            case BINARY:
            case VARBINARY:
                return JSON.textNode(HexFormat.of().formatHex((byte[]) v));
            case DATE:
                return JSON.textNode(v.toString());
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return JSON.textNode(formatter(((TimestampType) type).getPrecision()).format((LocalDateTime) v));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                LocalDateTime utc = LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC);
                return JSON.textNode(formatter(((LocalZonedTimestampType) type).getPrecision()).format(utc));
            case ROW:
                RowType rowType = (RowType) type;
                Row row = (Row) v;
                ArrayNode out = JSON.arrayNode();
                for (int i = 0; i < rowType.getFieldCount(); i++) {
                    out.add(toJson(row.getField(i), rowType.getTypeAt(i)));
                }
                return out;
            default:
                throw new IllegalArgumentException("no JSON convention for " + type);
        }
    }

    /** "2024-01-31 12:34:56.789" with exactly {@code precision} fraction digits (none for 0). */
    private static DateTimeFormatter formatter(int precision) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss");
        if (precision > 0) {
            b.appendFraction(ChronoField.NANO_OF_SECOND, precision, precision, true);
        }
        return b.toFormatter();
    }

    private static final DateTimeFormatter PARSER =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter();
}
