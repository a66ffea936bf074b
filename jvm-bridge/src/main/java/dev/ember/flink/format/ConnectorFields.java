package dev.ember.flink.format;

import java.lang.reflect.Field;

/**
 * Reflective access to fields without getters: a connector's format, partition keys, metadata keys and limit
 * ({@code FileSystemTableSource}, {@code FileSystemTableSink}), a sink node's changelog mode (allowed on Java 17: both
 * sides live in unnamed modules). A field is looked up in {@code type} and its superclasses.
 */
record ConnectorFields(Class<?> type) {

    static ConnectorFields of(Class<?> type) {
        return new ConnectorFields(type);
    }

    <T> T get(Object target, String name, Class<T> expected) {
        try {
            return expected.cast(field(name).get(target));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + type.getName() + "." + name, e);
        }
    }

    void set(Object target, String name, Object value) {
        try {
            field(name).set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot write " + type.getName() + "." + name, e);
        }
    }

    private Field field(String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // declared in a superclass (partitionKeys: AbstractFileSystemTable)
            }
        }
        throw new IllegalStateException(type.getName() + " has no field '" + name + "' (Flink version mismatch?)");
    }
}
