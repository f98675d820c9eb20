package io.eventsourcing.internal.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Random values of any record the fast codec handles, made to find the edges: strings with quotes,
 * backslashes, control characters, non-ASCII and surrogate pairs; extreme and awkward numbers; nulls in
 * every component that may be null; empty, one-element and larger collections of the JDK's various
 * classes. Never a lone surrogate or a BigDecimal beyond Jackson's plain scale: those are the values
 * the codec leaves to Jackson on purpose, tested separately. Only with {@code extremes}: instants and
 * dates beyond four-digit years, decimals of scale 9999 and integers of hundreds of digits, which the
 * codec writes but leaves to Jackson to read (Jackson cannot read the longest numbers back at all).
 */
public final class RandomValues {
    private static final String[] SPECIAL_STRINGS = {"", " ", "\"", "\\", "\"\\\"", "/", "\\/", "a/b", "\u007f",
        "\u0000", "\u001f", "\b\f\n\r\t", "\u2028\u2029", "é", "日本語", "\uffff", "\ufffe", "\ud83d\ude00",
        "\udbff\udfff", "\ud800\udc00", "\u0080", "\u07ff", "\u0800", "null", "true", "123", "-0", "\\u0041",
        "{\"a\":1}", "[", "]", "ascii only, nothing to escape"};
    private static final double[] SPECIAL_DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1e-7, 1e7, 1e21, 1e22, 1e23,
        123.456, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 9007199254740993.0, 4.9e-324, 2.2250738585072011e-308, 1.7976931348623157e308,
        0.30000000000000004, 100.0, 1.0e-5, 0.001};
    private static final float[] SPECIAL_FLOATS = {0f, -0f, 1f, 0.1f, 1e-7f, 1e7f, 1e10f, 16777217f, Float.MIN_VALUE,
        Float.MAX_VALUE, Float.MIN_NORMAL, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.0000001f,
        3.4028235e38f, 1.17549435e-38f};
    private static final long MIN_SECOND = Instant.MIN.getEpochSecond();
    private static final long MAX_SECOND = Instant.MAX.getEpochSecond();
    private static final long YEAR_0 = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long YEAR_10000 = LocalDate.of(10_000, 1, 1).toEpochDay();

    private final SplittableRandom random;
    private final boolean extremes;
    private int depth;

    public RandomValues(long seed, boolean extremes) {
        this.random = new SplittableRandom(seed);
        this.extremes = extremes;
    }

    /** A random record of the class (one its constructor accepts). */
    public <R extends Record> R record(Class<R> type) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(type);
            } catch (IllegalArgumentException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    private <R extends Record> R attempt(Class<R> type) {
        try {
            RecordComponent[] components = type.getRecordComponents();
            Object[] arguments = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            depth++;
            try {
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    arguments[i] = component(components[i].getGenericType(), types[i]);
                }
            } finally {
                depth--;
            }
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw new IllegalStateException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object component(Type type, Class<?> raw) {
        if (raw == Optional.class) {
            if (random.nextInt(10) == 0) {
                return null;
            }
            try {
                return random.nextBoolean() ? Optional.empty()
                        : Optional.of(value(((ParameterizedType) type).getActualTypeArguments()[0]));
            } catch (TooDeep e) {
                return Optional.empty();
            }
        }
        if (!raw.isPrimitive() && random.nextInt(10) == 0) {
            return null;
        }
        try {
            return value(type);
        } catch (TooDeep e) {
            return null;
        }
    }

    /** A random value of a value type (not null). */
    public Object value(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class) {
                return list(arguments[0]);
            }
            if (raw == Set.class) {
                return set(arguments[0]);
            }
            if (raw == Map.class) {
                return map(arguments[1]);
            }
            throw new IllegalArgumentException("no random values of " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return string();
        } else if (c == int.class || c == Integer.class) {
            return anInt();
        } else if (c == long.class || c == Long.class) {
            return aLong();
        } else if (c == short.class || c == Short.class) {
            return (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
        } else if (c == byte.class || c == Byte.class) {
            return (byte) random.nextInt(Byte.MIN_VALUE, Byte.MAX_VALUE + 1);
        } else if (c == boolean.class || c == Boolean.class) {
            return random.nextBoolean();
        } else if (c == double.class || c == Double.class) {
            return aDouble();
        } else if (c == float.class || c == Float.class) {
            return aFloat();
        } else if (c == BigDecimal.class) {
            return bigDecimal();
        } else if (c == BigInteger.class) {
            return bigInteger();
        } else if (c == UUID.class) {
            return new UUID(random.nextLong(), random.nextLong());
        } else if (c == Instant.class) {
            return instant();
        } else if (c == LocalDate.class) {
            return date();
        } else if (c == LocalDateTime.class) {
            return LocalDateTime.of(date(), time());
        } else if (c == LocalTime.class) {
            return time();
        } else if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        } else if (c.isRecord()) {
            if (depth > 4) {
                throw new TooDeep();
            }
            return record(c.asSubclass(Record.class));
        }
        throw new IllegalArgumentException("no random values of " + type);
    }

    /** Thrown when a record that contains itself would nest too deep; the caller leaves the slot empty. */
    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super(null, null, false, false);
        }
    }

    private int size() {
        int dice = random.nextInt(10);
        return dice < 3 ? 0 : dice < 6 ? 1 : random.nextInt(2, 6);
    }

    private List<Object> list(Type element) {
        int size = size();
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Object value = element(element);
            if (value != NONE) {
                list.add(value);
            }
        }
        return switch (random.nextInt(4)) {
            case 0 -> list;
            case 1 -> list.contains(null) ? java.util.Collections.unmodifiableList(list) : List.copyOf(list);
            case 2 -> java.util.Arrays.asList(list.toArray());
            default -> new java.util.LinkedList<>(list);
        };
    }

    private Set<Object> set(Type element) {
        int size = size();
        Set<Object> set = new LinkedHashSet<>();
        boolean ofEnum = element instanceof Class<?> c && c.isEnum();
        for (int i = 0; i < size; i++) {
            Object value = ofEnum ? value(element) : element(element);
            if (value != NONE) {
                set.add(value);
            }
        }
        if (ofEnum && random.nextBoolean()) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Set<Object> enumSet = (Set) EnumSet.noneOf((Class) element);
            enumSet.addAll(set);
            return enumSet;
        }
        return switch (random.nextInt(3)) {
            case 0 -> set;
            case 1 -> new HashSet<>(set);
            default -> set.contains(null) ? java.util.Collections.unmodifiableSet(set) : Set.copyOf(set);
        };
    }

    private Map<String, Object> map(Type value) {
        int size = size();
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            Object entry = element(value);
            if (entry != NONE) {
                map.put(random.nextInt(4) == 0 ? string() : "k" + random.nextInt(100), entry);
            }
        }
        return switch (random.nextInt(4)) {
            case 0 -> map;
            case 1 -> new HashMap<>(map);
            case 2 -> new TreeMap<>(map);
            default -> map.containsValue(null) ? java.util.Collections.unmodifiableMap(map) : Map.copyOf(map);
        };
    }

    private static final Object NONE = new Object();

    /** An element of a collection: sometimes null, NONE when a self-containing record is too deep. */
    private Object element(Type type) {
        if (random.nextInt(12) == 0) {
            return null;
        }
        try {
            return value(type);
        } catch (TooDeep e) {
            return NONE;
        }
    }

    String string() {
        int dice = random.nextInt(10);
        if (dice < 3) {
            return SPECIAL_STRINGS[random.nextInt(SPECIAL_STRINGS.length)];
        }
        int length = dice == 9 ? random.nextInt(2000) : random.nextInt(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) random.nextInt(0x20, 0x7F));
            } else if (kind == 6) {
                text.append((char) random.nextInt(0, 0x20));
            } else if (kind == 7) {
                text.append(random.nextBoolean() ? '"' : '\\');
            } else if (kind == 8) {
                char c = (char) random.nextInt(0x80, 0x10000);
                text.append(Character.isSurrogate(c) ? 'x' : c);
            } else {
                text.appendCodePoint(random.nextInt(0x10000, 0x110000));
            }
        }
        return text.toString();
    }

    private int anInt() {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> random.nextInt(-10, 10);
            default -> random.nextInt();
        };
    }

    private long aLong() {
        return switch (random.nextInt(6)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> random.nextLong(-1000, 1000);
            case 3 -> random.nextLong(-999_999_999_999_999_999L, 999_999_999_999_999_999L);
            default -> random.nextLong();
        };
    }

    double aDouble() {
        return switch (random.nextInt(6)) {
            case 0 -> SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
            case 1 -> Double.longBitsToDouble(random.nextLong());
            case 2 -> random.nextInt(-100_000, 100_000) / 100.0;
            case 3 -> random.nextLong(-(1L << 53), 1L << 53) * Math.pow(10, random.nextInt(-30, 30));
            case 4 -> (double) random.nextLong();
            default -> random.nextDouble() * Math.pow(10, random.nextInt(-320, 308));
        };
    }

    float aFloat() {
        return switch (random.nextInt(5)) {
            case 0 -> SPECIAL_FLOATS[random.nextInt(SPECIAL_FLOATS.length)];
            case 1 -> Float.intBitsToFloat(random.nextInt());
            case 2 -> random.nextInt(-100_000, 100_000) / 100.0f;
            case 3 -> (float) random.nextInt();
            default -> (float) (random.nextDouble() * Math.pow(10, random.nextInt(-45, 38)));
        };
    }

    BigDecimal bigDecimal() {
        BigInteger unscaled = random.nextInt(4) == 0 ? bigInteger() : BigInteger.valueOf(aLong());
        int scale = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(-30, 30);
            case 2 -> random.nextInt(1, 4);
            case 3 -> extremes ? (random.nextBoolean() ? 9999 : -9999) : random.nextInt(-5, 10);
            default -> random.nextInt(-300, 300);
        };
        return new BigDecimal(unscaled, scale);
    }

    BigInteger bigInteger() {
        return switch (random.nextInt(3)) {
            case 0 -> BigInteger.valueOf(aLong());
            case 1 -> new BigInteger(random.nextInt(1, extremes ? 3000 : 300), new java.util.Random(random.nextLong()))
                    .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
            default -> BigInteger.valueOf(random.nextLong(-100, 100));
        };
    }

    private Instant instant() {
        long second = switch (extremes ? random.nextInt(4) : 2) {
            case 0 -> random.nextLong(MIN_SECOND, MAX_SECOND + 1);
            case 1 -> random.nextBoolean() ? MIN_SECOND : MAX_SECOND;
            default -> random.nextLong(-62_167_219_200L, 253_402_300_800L);
        };
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(second, nanos);
    }

    private LocalTime time() {
        int nanos = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            case 3 -> random.nextInt(10) * 100_000_000;
            default -> random.nextInt(1_000_000_000);
        };
        return switch (random.nextInt(4)) {
            case 0 -> LocalTime.of(random.nextInt(24), random.nextInt(60));
            case 1 -> LocalTime.MIDNIGHT.plusNanos(nanos);
            default -> LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos);
        };
    }

    private LocalDate date() {
        return switch (extremes ? random.nextInt(4) : 2) {
            case 0 -> LocalDate.ofEpochDay(random.nextLong(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()));
            case 1 -> random.nextBoolean() ? LocalDate.MIN : LocalDate.MAX;
            default -> LocalDate.ofEpochDay(random.nextLong(YEAR_0, YEAR_10000));
        };
    }
}
