package io.eventsourcing.persistence;

import io.eventsourcing.internal.json.JsonInput;
import io.eventsourcing.internal.json.JsonOutput;
import io.eventsourcing.internal.json.PayloadJson;
import io.eventsourcing.internal.json.Timestamps;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/*
 * The envelope is written and read token by token rather than through a JSON tree: building a tree
 * and then binding it costs several times what the event's own fields do. The payload is bound straight
 * from the parser by the reader kept for its class, unless it may need upcasting: a class whose
 * @EventVersion is above 1 may meet events stored at an older version, and "version" follows "payload"
 * in the stored JSON, so such payloads are read as a tree and upcast before they are bound. A class
 * at version 1 has no upcasters (Upcasters only registers steps below the current version).
 *
 * JSON exactly as write() makes it is read faster still: the envelope's own few bytes are matched by
 * hand around the payload, and only the payload is parsed, from where it starts to where its object
 * ends. Anything else about the JSON (other whitespace, order, fields or escapes) sends it to the
 * general reader, token by token, which accepts every JSON object with the same meaning.
 *
 * With the standard transcoder, the payload itself is written and read by the fast codec
 * (io.eventsourcing.internal.json.PayloadJson) rather than by Jackson: the same bytes Jackson writes and
 * objects equal to the ones it reads, without a generator or a parser per event. Whenever the codec
 * gives up (a class or a value it does not handle exactly, JSON it does not read exactly), Jackson
 * writes or reads the whole payload as before, so its errors and edge cases are unchanged. A
 * transcoder made from a user's mapper always uses Jackson: its modules and settings may change the
 * format in ways the codec cannot see.
 */

/**
 * The contents of a stored event's JSON, see the format at the top of {@link Mapper}. Stateless helpers;
 * instances are values.
 *
 * @param timestamp when the event happened
 * @param payload the bound payload record, or its {@link ObjectNode} when it was read as a tree
 * @param version the payload's stored version, 1 when the JSON does not say
 * @param aggregateTopic the topic of the aggregate class an aggregate's first event names, or null
 */
record EventEnvelope(Instant timestamp, Object payload, int version, @Nullable String aggregateTopic) {
    private static final String TIMESTAMP = "timestamp";
    private static final String PAYLOAD = "payload";
    private static final String VERSION = "version";
    private static final String AGGREGATE = "aggregate";
    private static final byte[] TIMESTAMP_START = ascii("{\"timestamp\":\"");
    private static final byte[] PAYLOAD_START = ascii("\",\"payload\":");
    private static final byte[] VERSION_START = ascii(",\"version\":");
    private static final byte[] END = ascii("}");
    private static final byte[] AGGREGATE_START = ascii(",\"aggregate\":\"");
    private static final byte[] FAST_TIMESTAMP = ascii("{\"timestamp\":");
    private static final byte[] FAST_PAYLOAD = ascii(",\"payload\":");
    private static final byte[] FAST_AGGREGATE = ascii(",\"aggregate\":");

    /**
     * The compact UTF-8 JSON of an event.
     *
     * @param version written only when above 1
     * @param aggregateTopic written only when not null
     * @throws DataException if the payload cannot be written as JSON
     */
    static byte[] write(Transcoder transcoder, Instant timestamp, Object payload, int version,
            @Nullable String aggregateTopic) {
        if (transcoder.isStandard()) {
            byte[] fast = writeFast(timestamp, payload, version, aggregateTopic);
            if (fast != null) {
                return fast;
            }
        }
        ExactBytes out = new ExactBytes();
        try (JsonGenerator generator = transcoder.generator(out)) {
            generator.writeStartObject();
            generator.writeName(TIMESTAMP);
            byte[] text = Timestamps.formatAscii(timestamp);
            generator.writeRawUTF8String(text, 0, text.length);
            generator.writeName(PAYLOAD);
            transcoder.writer(payload.getClass()).writeValue(generator, payload);
            if (version > 1) {
                generator.writeNumberProperty(VERSION, version);
            }
            if (aggregateTopic != null) {
                generator.writeStringProperty(AGGREGATE, aggregateTopic);
            }
            generator.writeEndObject();
        } catch (JacksonException e) {
            throw new DataException("cannot encode " + payload.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
        return out.toByteArray();
    }

    /** The JSON {@link #write} makes, with the payload written by the fast codec, or null if it gives up. */
    private static byte @Nullable [] writeFast(Instant timestamp, Object payload, int version,
            @Nullable String aggregateTopic) {
        // Sized for the largest payload of its class so far: a payload of that size needs no copy at the end.
        int capacity = FAST_TIMESTAMP.length + Timestamps.textLength(timestamp) + 2 + FAST_PAYLOAD.length
                + PayloadJson.expectedSize(payload.getClass()) + END.length;
        if (version > 1) {
            capacity += VERSION_START.length + digits(version);
        }
        if (aggregateTopic != null) {
            capacity += FAST_AGGREGATE.length + aggregateTopic.length() + 2;
        }
        JsonOutput out = new JsonOutput(capacity);
        out.raw(FAST_TIMESTAMP);
        out.instant(timestamp);
        out.raw(FAST_PAYLOAD);
        if (!PayloadJson.write(out, payload)) {
            return null;
        }
        if (version > 1) {
            out.raw(VERSION_START);
            out.number(version);
        }
        if (aggregateTopic != null) {
            out.raw(FAST_AGGREGATE);
            if (!out.string(aggregateTopic)) {
                return null;
            }
        }
        out.raw(END);
        return out.toByteArray();
    }

    /**
     * Reads an event's JSON in one pass.
     *
     * @param bindTo the payload class to bind to while reading, or null to read the payload as a tree
     * @throws DataException if the JSON is not an envelope or the payload does not fit {@code bindTo}
     */
    static EventEnvelope read(Transcoder transcoder, byte[] json, @Nullable Class<?> bindTo) {
        if (bindTo != null) {
            EventEnvelope written = readWritten(transcoder, json, bindTo);
            if (written != null) {
                return written;
            }
        }
        return readAny(transcoder, json, bindTo);
    }

    /** The envelope of JSON in exactly the shape {@link #write} gives it, or null if it has another. */
    private static @Nullable EventEnvelope readWritten(Transcoder transcoder, byte[] json, Class<?> bindTo) {
        if (!matches(json, 0, TIMESTAMP_START)) {
            return null;
        }
        int timestampEnd = indexOfQuote(json, TIMESTAMP_START.length);
        if (timestampEnd < 0 || !matches(json, timestampEnd, PAYLOAD_START)) {
            return null;
        }
        int payloadStart = timestampEnd + PAYLOAD_START.length;
        if (payloadStart >= json.length || json[payloadStart] != '{') {
            return null;
        }
        Instant timestamp = Timestamps.parseUtc(json, TIMESTAMP_START.length, timestampEnd - TIMESTAMP_START.length);
        if (timestamp == null) {
            return null;
        }
        Object payload = null;
        int at = 0;
        if (transcoder.isStandard()) {
            JsonInput in = new JsonInput(json, payloadStart);
            payload = PayloadJson.read(in, bindTo);
            at = in.position();
        }
        if (payload == null) {
            try (JsonParser parser = transcoder.parser(json, payloadStart, json.length - payloadStart)) {
                payload = bind(transcoder, parser, bindTo);
                at = payloadStart + (int) parser.currentLocation().getByteOffset();
            } catch (JacksonException e) {
                throw new DataException("cannot read JSON: " + e.getOriginalMessage(), e);
            }
        }
        int version = 1;
        if (matches(json, at, VERSION_START)) {
            at += VERSION_START.length;
            int digits = 0;
            version = 0;
            while (at < json.length && json[at] >= '0' && json[at] <= '9' && digits++ < 9) {
                version = version * 10 + json[at++] - '0';
            }
            if (digits == 0) {
                return null;
            }
        }
        String aggregateTopic = null;
        if (matches(json, at, AGGREGATE_START)) {
            int start = at + AGGREGATE_START.length;
            int end = indexOfQuote(json, start);
            if (end < 0) {
                return null;
            }
            aggregateTopic = asciiOrNull(json, start, end);
            if (aggregateTopic == null) {
                return null;
            }
            at = end + 1;
        }
        return at == json.length - 1 && json[at] == '}' ? new EventEnvelope(timestamp, payload, version, aggregateTopic)
                : null;
    }

    /** Reads any JSON object with an envelope's fields, token by token. */
    private static EventEnvelope readAny(Transcoder transcoder, byte[] json, @Nullable Class<?> bindTo) {
        try (JsonParser parser = transcoder.parser(json)) {
            startObject(parser);
            Instant timestamp = null;
            Object payload = null;
            int version = 1;
            String aggregateTopic = null;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case TIMESTAMP -> timestamp = timestamp(parser, token);
                    case PAYLOAD -> payload = payload(transcoder, parser, token, bindTo);
                    case VERSION -> version = version(parser, token);
                    case AGGREGATE -> aggregateTopic = token == JsonToken.VALUE_STRING ? parser.getString()
                            : skip(parser, aggregateTopic);
                    default -> parser.skipChildren();
                }
            }
            endObject(parser);
            if (timestamp == null) {
                throw new DataException("the stored JSON has no field '" + TIMESTAMP + "'");
            }
            if (payload == null) {
                throw new DataException("the stored JSON has no object field '" + PAYLOAD + "'");
            }
            return new EventEnvelope(timestamp, payload, version, aggregateTopic);
        } catch (JacksonException e) {
            throw new DataException("cannot read JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The topic of the aggregate class an event's JSON names (only an aggregate's first event does).
     *
     * @throws DataException if the JSON is not an object
     */
    static @Nullable String aggregateTopic(Transcoder transcoder, byte[] json) {
        try (JsonParser parser = transcoder.parser(json)) {
            startObject(parser);
            String topic = null;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                if (name.equals(AGGREGATE) && token == JsonToken.VALUE_STRING) {
                    topic = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
            endObject(parser);
            return topic;
        } catch (JacksonException e) {
            throw new DataException("cannot read JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Skips a value that is not the string looked for, keeping what was found before. */
    private static @Nullable String skip(JsonParser parser, @Nullable String found) {
        parser.skipChildren();
        return found;
    }

    private static void startObject(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new DataException("the stored JSON is not an object");
        }
    }

    private static void endObject(JsonParser parser) {
        if (parser.nextToken() != null) {
            throw new DataException("the stored JSON has more after its object");
        }
    }

    private static Instant timestamp(JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_STRING) {
            throw new DataException("the stored JSON has no field '" + TIMESTAMP + "'");
        }
        String text = parser.getString();
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw new DataException("field '" + TIMESTAMP + "' is not an ISO-8601 instant: " + text, e);
        }
    }

    private static int version(JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new DataException("field '" + VERSION + "' is not an integer: " + parser.getString());
        }
        return parser.getIntValue();
    }

    private static Object payload(Transcoder transcoder, JsonParser parser, JsonToken token,
            @Nullable Class<?> bindTo) {
        if (token != JsonToken.START_OBJECT) {
            throw new DataException("the stored JSON has no object field '" + PAYLOAD + "'");
        }
        if (bindTo == null) {
            JsonNode tree = parser.readValueAsTree();
            return (ObjectNode) tree;
        }
        return bind(transcoder, parser, bindTo);
    }

    /** The payload object at the parser's next token, bound to the class. */
    private static Object bind(Transcoder transcoder, JsonParser parser, Class<?> bindTo) {
        Object value;
        try {
            value = transcoder.reader(bindTo).readValue(parser);
        } catch (JacksonException e) {
            throw new DataException("cannot decode " + bindTo.getName() + " from JSON: " + e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new DataException("cannot decode " + bindTo.getName() + " from JSON: it decoded to null");
        }
        return value;
    }

    /** Whether the bytes at {@code at} are {@code expected}. */
    private static boolean matches(byte[] json, int at, byte[] expected) {
        return at + expected.length <= json.length
                && Arrays.equals(json, at, at + expected.length, expected, 0, expected.length);
    }

    /** The index of the quote that ends a string starting at {@code from}, or -1 if it has escapes. */
    private static int indexOfQuote(byte[] json, int from) {
        for (int i = from; i < json.length; i++) {
            if (json[i] == '"') {
                return i;
            }
            if (json[i] == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static int digits(int positive) {
        int digits = 1;
        for (int rest = positive / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /** The text of printable ASCII bytes, or null if one is not. */
    private static @Nullable String asciiOrNull(byte[] json, int from, int to) {
        for (int i = from; i < to; i++) {
            if (json[i] < 0x20 || json[i] > 0x7E) {
                return null;
            }
        }
        return new String(json, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The bytes a generator writes, without a copy for the common case: a generator buffers what it
     * writes and hands a small document over in one piece when it is closed, which this keeps as the
     * result. Larger documents arrive in pieces and grow an array as a ByteArrayOutputStream would.
     */
    private static final class ExactBytes extends OutputStream {
        private byte[] bytes = new byte[0];
        private int size;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, b.length);
            if (size == 0) {
                bytes = Arrays.copyOfRange(b, offset, offset + length);
            } else {
                if (size + length > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(size + length, 2 * bytes.length));
                }
                System.arraycopy(b, offset, bytes, size, length);
            }
            size += length;
        }

        byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
