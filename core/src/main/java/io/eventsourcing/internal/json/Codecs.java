package io.eventsourcing.internal.json;

import java.io.Serial;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the codec of a declared type, or says why there is none: scalars, enums and records (see
 * {@link Eligibility}), List, Set and Map with String keys of those, and Optional of those as a record
 * component. Stateless.
 */
final class Codecs {
    private static final Map<Class<?>, Byte> PRIMITIVES = Map.of(boolean.class, RecordCodec.BOOLEAN,
            byte.class, RecordCodec.INT, short.class, RecordCodec.INT, int.class, RecordCodec.INT,
            long.class, RecordCodec.LONG, float.class, RecordCodec.FLOAT, double.class, RecordCodec.DOUBLE);
    private static final Map<Class<?>, Class<?>> WIDENED = Map.of(byte.class, int.class, short.class, int.class);
    private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);

    private Codecs() {}

    /** Why a type has no codec. */
    static final class Unsupported extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The codec of a record class.
     *
     * @param building the records whose codecs are being built, so that a record containing itself
     *     gets the codec being built
     */
    static RecordCodec record(Class<?> type, Map<Class<?>, RecordCodec> building) throws Unsupported {
        RecordCodec existing = building.get(type);
        if (existing != null) {
            return existing;
        }
        String problem = Eligibility.recordProblem(type);
        if (problem != null) {
            throw new Unsupported(type.getName() + " " + problem);
        }
        RecordComponent[] components = type.getRecordComponents();
        if (components.length > 64) {
            throw new Unsupported(type.getName() + " has more than 64 components");
        }
        Class<?>[] rawTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            rawTypes[i] = components[i].getType();
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        RecordCodec codec;
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(rawTypes);
            constructor.setAccessible(true);
            codec = new RecordCodec(type, lookup.unreflectConstructor(constructor)
                    .asSpreader(Object[].class, components.length).asType(CONSTRUCTOR));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new Unsupported(type.getName() + " has a canonical constructor the codec cannot call: " + e);
        }
        building.put(type, codec);
        byte[][] keys = new byte[components.length][];
        byte[][] prefixes = new byte[components.length][];
        ValueCodec[] codecs = new ValueCodec[components.length];
        MethodHandle[] accessors = new MethodHandle[components.length];
        byte[] primitives = new byte[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            keys[i] = key(component.getName(), type);
            if (i == 0) {
                prefixes[i] = keys[i];
            } else {
                prefixes[i] = new byte[keys[i].length + 1];
                prefixes[i][0] = ',';
                System.arraycopy(keys[i], 0, prefixes[i], 1, keys[i].length);
            }
            codecs[i] = component(component.getGenericType(), building);
            Class<?> raw = component.getType();
            primitives[i] = PRIMITIVES.getOrDefault(raw, RecordCodec.OBJECT);
            Class<?> returned = primitives[i] == RecordCodec.OBJECT ? Object.class : WIDENED.getOrDefault(raw, raw);
            try {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                accessors[i] = lookup.unreflect(accessor).asType(MethodType.methodType(returned, Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new Unsupported(type.getName() + " has an accessor the codec cannot call: " + e);
            }
        }
        codec.init(keys, prefixes, codecs, accessors, primitives);
        return codec;
    }

    /** A record component's codec: any value type, or Optional of one. */
    private static ValueCodec component(Type type, Map<Class<?>, RecordCodec> building) throws Unsupported {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            return new OptionalCodec(value(parameterized.getActualTypeArguments()[0], building));
        }
        return value(type, building);
    }

    /** The codec of a value type (not Optional). */
    static ValueCodec value(Type type, Map<Class<?>, RecordCodec> building) throws Unsupported {
        if (type instanceof Class<?> raw) {
            Scalar scalar = Scalar.of(raw);
            if (scalar != null) {
                return scalar;
            }
            if (raw.isEnum()) {
                return enumCodec(raw);
            }
            if (raw.isRecord()) {
                return record(raw, building);
            }
        } else if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class) {
                return new CollectionCodec(CollectionCodec.Kind.LIST, value(arguments[0], building), Object.class);
            }
            if (raw == Set.class) {
                boolean ofEnum = arguments[0] instanceof Class<?> element && element.isEnum();
                return new CollectionCodec(ofEnum ? CollectionCodec.Kind.ENUM_SET : CollectionCodec.Kind.SET,
                        value(arguments[0], building), ofEnum ? (Class<?>) arguments[0] : Object.class);
            }
            if (raw == Map.class && arguments[0] == String.class) {
                return new MapCodec(value(arguments[1], building));
            }
        }
        throw new Unsupported(type.getTypeName() + " is not a type the fast codec writes");
    }

    private static EnumCodec enumCodec(Class<?> type) throws Unsupported {
        String problem = Eligibility.enumProblem(type);
        if (problem != null) {
            throw new Unsupported(type.getName() + " " + problem);
        }
        Enum<?>[] constants = (Enum<?>[]) type.getEnumConstants();
        byte[][] quoted = new byte[constants.length][];
        for (int i = 0; i < constants.length; i++) {
            quoted[i] = quoted(constants[i].name(), type);
        }
        return new EnumCodec(type, constants, quoted);
    }

    /** A component's key as JSON has it, {@code "name":}. */
    private static byte[] key(String name, Class<?> type) throws Unsupported {
        byte[] quoted = quoted(name, type);
        byte[] key = new byte[quoted.length + 1];
        System.arraycopy(quoted, 0, key, 0, quoted.length);
        key[quoted.length] = ':';
        return key;
    }

    /** A name as a quoted JSON string, which must need no escapes (so it reads back byte for byte). */
    private static byte[] quoted(String name, Class<?> type) throws Unsupported {
        JsonOutput out = new JsonOutput(name.length() + 2);
        if (!out.string(name)) {
            throw new Unsupported(type.getName() + " has a name the fast codec does not write: " + name);
        }
        byte[] quoted = out.toByteArray();
        if (new String(quoted, StandardCharsets.UTF_8).indexOf('\\') >= 0) {
            throw new Unsupported(type.getName() + " has a name that needs escapes in JSON: " + name);
        }
        return quoted;
    }
}
