package dev.ember.flink.substrait.functions;

/**
 * {@code AND, OR, NOT} (three-valued, lazy) and the never-NULL predicates {@code IS [NOT] NULL / TRUE / FALSE}:
 * {@code and, or, not, is_null, is_not_null, is_true, is_false, is_not_true, is_not_false}.
 */
public final class LogicSerde extends ScalarFunctionSerde {}
