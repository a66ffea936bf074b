package dev.ember.flink.runtime;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;

/**
 * The type of the rows a fused native Calc hands to the {@link PassThroughOperator}s holding the places of the
 * operators it absorbed. Without object reuse, Flink copies every record passed between chained operators with the
 * receiving operator's input serializer; these operators neither keep nor change a row, so the serializer's
 * {@code copy} hands the row over as it is. Everything else (network serialization if the chain is broken) is
 * {@link RowDataSerializer}'s. The last pass-through operator emits the standard type: the next real operator gets
 * its copy as on stock Flink.
 */
public final class HandedOverRows extends TypeInformation<RowData> {

    private static final long serialVersionUID = 1L;

    private final RowType rowType;

    public HandedOverRows(RowType rowType) {
        this.rowType = rowType;
    }

    @Override
    public TypeSerializer<RowData> createSerializer(SerializerConfig config) {
        return new Serializer(rowType);
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return rowType.getFieldCount();
    }

    @Override
    public int getTotalFields() {
        return rowType.getFieldCount();
    }

    @Override
    public Class<RowData> getTypeClass() {
        return RowData.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return "HandedOverRows<" + rowType.asSummaryString() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandedOverRows && ((HandedOverRows) o).rowType.equals(rowType);
    }

    @Override
    public int hashCode() {
        return rowType.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof HandedOverRows;
    }

    /** {@link RowDataSerializer} whose {@code copy} returns the row itself. */
    static final class Serializer extends RowDataSerializer {

        private static final long serialVersionUID = 1L;

        private final RowType rowType;

        Serializer(RowType rowType) {
            super(rowType);
            this.rowType = rowType;
        }

        @Override
        public RowData copy(RowData from) {
            return from;
        }

        @Override
        public RowData copy(RowData from, RowData reuse) {
            return from;
        }

        @Override
        public TypeSerializer<RowData> duplicate() {
            return new Serializer(rowType);
        }
    }
}
