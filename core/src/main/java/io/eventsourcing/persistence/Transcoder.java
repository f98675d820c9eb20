package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Type;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
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
 * <p>Immutable and thread-safe.
 */
public final class Transcoder {
    private static final Transcoder STANDARD = new Transcoder(standardJsonMapper().build());

    private final ObjectMapper json;

    private Transcoder(ObjectMapper json) {
        this.json = json;
    }

    /** The standard transcoder. */
    public static Transcoder standard() {
        return STANDARD;
    }

    /** A transcoder using the given mapper; start from {@link #standardJsonMapper()} to keep exactness. */
    public static Transcoder of(JsonMapper json) {
        return new Transcoder(requireNonNull(json, "json"));
    }

    /**
     * The standard Jackson configuration: ISO-8601 dates, decimals read and written exactly and
     * plainly, unknown properties rejected (an upcaster must handle a removed field).
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
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
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
}
