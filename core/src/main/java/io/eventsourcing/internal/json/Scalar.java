package io.eventsourcing.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The codec of a single JSON value type: strings, booleans, the integral and floating types (primitive
 * or boxed), BigDecimal, BigInteger, UUID, Instant, LocalDate, LocalDateTime and LocalTime (those two
 * through the JDK's ISO formatters, which Jackson uses too). One class switching on its kind
 * rather than one class per type, so that a record's components share one call target.
 */
final class Scalar implements ValueCodec {
    enum Kind {
        STRING, BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, BIG_DECIMAL, BIG_INTEGER, UUID, INSTANT, DATE,
        DATE_TIME, TIME
    }

    private static final Map<Class<?>, Scalar> BY_CLASS = Map.ofEntries(
            entry(String.class, Kind.STRING, false),
            entry(boolean.class, Kind.BOOLEAN, true),
            entry(Boolean.class, Kind.BOOLEAN, false),
            entry(byte.class, Kind.BYTE, true),
            entry(Byte.class, Kind.BYTE, false),
            entry(short.class, Kind.SHORT, true),
            entry(Short.class, Kind.SHORT, false),
            entry(int.class, Kind.INT, true),
            entry(Integer.class, Kind.INT, false),
            entry(long.class, Kind.LONG, true),
            entry(Long.class, Kind.LONG, false),
            entry(float.class, Kind.FLOAT, true),
            entry(Float.class, Kind.FLOAT, false),
            entry(double.class, Kind.DOUBLE, true),
            entry(Double.class, Kind.DOUBLE, false),
            entry(BigDecimal.class, Kind.BIG_DECIMAL, false),
            entry(BigInteger.class, Kind.BIG_INTEGER, false),
            entry(UUID.class, Kind.UUID, false),
            entry(Instant.class, Kind.INSTANT, false),
            entry(LocalDate.class, Kind.DATE, false),
            entry(LocalDateTime.class, Kind.DATE_TIME, false),
            entry(LocalTime.class, Kind.TIME, false));

    private final Kind kind;
    private final boolean primitive;

    private Scalar(Kind kind, boolean primitive) {
        this.kind = kind;
        this.primitive = primitive;
    }

    private static Map.Entry<Class<?>, Scalar> entry(Class<?> type, Kind kind, boolean primitive) {
        return Map.entry(type, new Scalar(kind, primitive));
    }

    /** The codec of a scalar class, or null if the class is not one. */
    static @Nullable Scalar of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    @Override
    public void write(JsonOutput out, Object value) {
        switch (kind) {
            case STRING -> out.quoted((String) value);
            case BOOLEAN -> out.bool((Boolean) value);
            case BYTE -> out.number((Byte) value);
            case SHORT -> out.number((Short) value);
            case INT -> out.number((Integer) value);
            case LONG -> out.number((long) (Long) value);
            case FLOAT -> out.number((float) (Float) value);
            case DOUBLE -> out.number((double) (Double) value);
            case BIG_DECIMAL -> out.number((BigDecimal) value);
            case BIG_INTEGER -> out.number((BigInteger) value);
            case UUID -> out.uuid((UUID) value);
            case INSTANT -> out.instant((Instant) value);
            case DATE -> out.date((LocalDate) value);
            case DATE_TIME -> out.quoted(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format((LocalDateTime) value));
            case TIME -> out.quoted(DateTimeFormatter.ISO_LOCAL_TIME.format((LocalTime) value));
        }
    }

    @Override
    public Object read(JsonInput in) {
        return switch (kind) {
            case STRING -> in.string();
            case BOOLEAN -> in.bool();
            case BYTE -> (byte) in.integer(Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT -> (short) in.integer(Short.MIN_VALUE, Short.MAX_VALUE);
            case INT -> (int) in.integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> in.integer(Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT -> in.floatValue();
            case DOUBLE -> in.doubleValue();
            case BIG_DECIMAL -> in.bigDecimal();
            case BIG_INTEGER -> in.bigInteger();
            case UUID -> in.uuid();
            case INSTANT -> in.instant();
            case DATE -> in.date();
            case DATE_TIME -> in.localDateTime();
            case TIME -> in.localTime();
        };
    }

    @Override
    public @Nullable Object nullValue() {
        if (primitive) {
            throw GiveUp.INSTANCE;
        }
        return null;
    }
}
