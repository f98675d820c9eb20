package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns event payloads and aggregate state into JSON and back, with Jackson. Records, {@code UUID},
 * {@code Instant} and the other {@code java.time} types, {@code BigDecimal} (scale kept), enums,
 * nested records and collections round-trip exactly with the standard configuration.
 *
 * <p>To teach it more types, build a {@link JsonMapper} from {@link #standardJsonMapper()} with your
 * modules added and wrap it with {@link #of(JsonMapper)}; an application returns that from
 * {@code Application.transcoder()}.
 *
 * <p>The standard transcoder ({@link #standard()}) writes and reads event payloads that are plain
 * records (of strings, primitives and their boxes, {@code BigDecimal}, {@code BigInteger}, {@code UUID},
 * {@code Instant}, {@code LocalDate}, {@code LocalDateTime}, {@code LocalTime}, enums, nested records,
 * and {@code List}, {@code Set}, {@code Map<String, ...>} and {@code Optional} of those, without
 * Jackson annotations) with a codec of its own, several times faster than Jackson: it writes exactly the bytes Jackson writes and reads
 * objects equal to the ones Jackson reads, and leaves to Jackson every class, value and piece of JSON
 * it does not handle exactly the same way. A transcoder made with {@link #of(JsonMapper)} always uses
 * Jackson, even for a mapper built from {@link #standardJsonMapper()} unchanged: a mapper's modules,
 * mix-ins and settings can change the format in ways that cannot be checked, so the format is left
 * to the mapper the user chose.
 *
 * <p>Immutable and thread-safe.
 */
public final class Transcoder {
    private static final Transcoder STANDARD = new Transcoder(standardJsonMapper().build(), true);

    private final ObjectMapper json;
    private final boolean standard;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

    private Transcoder(ObjectMapper json, boolean standard) {
        this.json = json;
        this.standard = standard;
    }

    /** The standard transcoder. */
    public static Transcoder standard() {
        return STANDARD;
    }

    /** A transcoder using the given mapper; start from {@link #standardJsonMapper()} to keep exactness. */
    public static Transcoder of(JsonMapper json) {
        return new Transcoder(requireNonNull(json, "json"), false);
    }

    /**
     * The standard Jackson configuration: ISO-8601 dates, decimals read and written exactly and
     * plainly, unknown properties rejected (an upcaster must handle a removed field), and records'
     * constructors called directly rather than through a new method-handle adapter per call.
     */
    public static JsonMapper.Builder standardJsonMapper() {
        return JsonMapper.builder()
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .addModule(new DirectCreators());
    }

    /** Whether this is the standard transcoder, whose payloads the fast codec may write and read. */
    boolean isStandard() {
        return standard;
    }

    /** A new empty JSON object. */
    public ObjectNode objectNode() {
        return json.createObjectNode();
    }

    /**
     * The JSON tree of a value.
     *
     * @throws DataException if the value cannot be written as JSON
     */
    public JsonNode toTree(Object value) {
        try {
            return json.valueToTree(value);
        } catch (JacksonException e) {
            throw new DataException("cannot encode " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The value of the given (possibly generic) type that a JSON tree describes.
     *
     * @throws DataException if the tree does not fit the type
     */
    public Object fromTree(JsonNode tree, Type type) {
        try {
            return requireNonNull(json.treeToValue(tree, json.constructType(type)), "decoded null");
        } catch (JacksonException e) {
            throw new DataException("cannot decode " + type.getTypeName() + " from JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The value of a field-typed tree, where JSON null is allowed. */
    Object fromTreeOrNull(JsonNode tree, Type type) {
        try {
            return json.treeToValue(tree, json.constructType(type));
        } catch (JacksonException e) {
            throw new DataException("cannot decode " + type.getTypeName() + " from JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The compact UTF-8 JSON bytes of a tree. */
    public byte[] encode(JsonNode tree) {
        try {
            return json.writeValueAsBytes(tree);
        } catch (JacksonException e) {
            throw new DataException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The JSON tree of UTF-8 JSON bytes.
     *
     * @throws DataException if the bytes are not JSON
     */
    public JsonNode decode(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw new DataException("cannot read JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A parser of UTF-8 JSON bytes, for reading an envelope token by token. */
    JsonParser parser(byte[] bytes) {
        return json.createParser(bytes);
    }

    /** A parser of {@code length} UTF-8 JSON bytes from {@code offset}. */
    JsonParser parser(byte[] bytes, int offset, int length) {
        return json.createParser(bytes, offset, length);
    }

    /** A generator of compact UTF-8 JSON, for writing an envelope token by token. */
    JsonGenerator generator(OutputStream out) {
        return json.createGenerator(out);
    }

    /**
     * The reader that binds a JSON object to the class, kept per class. It reads a value in the middle
     * of an envelope, so what follows the value is not an error here.
     */
    ObjectReader reader(Class<?> type) {
        ObjectReader reader = readers.get(type);
        if (reader == null) {
            reader = readers.computeIfAbsent(type,
                    t -> json.readerFor(t).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
        }
        return reader;
    }

    /** The writer of values of the class, kept per class; it leaves flushing to whoever owns the generator. */
    ObjectWriter writer(Class<?> type) {
        ObjectWriter writer = writers.get(type);
        if (writer == null) {
            writer = writers.computeIfAbsent(type,
                    t -> json.writerFor(t).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE));
        }
        return writer;
    }
}
