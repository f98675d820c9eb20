package io.eventsourcing.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random damage to JSON bytes, aimed at what a hand-written reader could get wrong: bytes that start
 * or end tokens, escapes good and bad, malformed UTF-8, numbers at and beyond the edges of their
 * types, whitespace, repeated and missing pieces, truncation.
 */
public final class Mutations {
    private static final byte[] BYTES = {'"', '\\', '{', '}', '[', ']', ',', ':', '0', '1', '9', '-', '+', '.', 'e',
        'E', 'n', 't', 'f', 'u', 'a', 'A', ' ', '\n', '\t', 0x00, 0x1F, 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0,
        (byte) 0xC2, (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF};
    private static final String[] TOKENS = {"-0", "0", "-0.0", "1e400", "-1e-400", "1E2", "1e+2", "1.5e-3", "255",
        "128", "-129", "127", "-128", "32767", "32768", "-32769", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "12345678901234567890123",
        "9007199254740993", "16777217", "1.0", "0.1", "01", "-", "1.", ".5", "+1", "1e", "null", "true", "false",
        "\"1\"", "\"\"", "[]", "{}", "[null]", "{\"k\":null}", "\"NaN\"", "\"Infinity\"", "1.00000017881393432617187499",
        "2.2250738585072011e-308", "\"2026-11-23T10:15:30Z\"", "\"2026-02-29T00:00:00Z\"", "\"2024-02-29\"",
        "\"2023-02-29\"", "\"+10000-01-01\"", "\"0000-01-01\"", "\"00000000-0000-0000-0000-000000000000\"",
        "\"ABCDEF01-2345-6789-ABCD-EF0123456789\"", "\"RED\"", "\"red\"", "\"A11\"", "\"ADD\"", "0.000", "-0.000e-0"};
    private static final String[] ESCAPES = {"\\u0041", "\\u00e9", "\\u00E9", "\\/", "\\\"", "\\\\", "\\b", "\\n",
        "\\uD83D\\uDE00", "\\uD800", "\\uDC00", "\\x", "\\'", "\\u12", "\\uzzzz", "\\", "\\u0000"};

    private final SplittableRandom random;
    private final boolean withoutFF;

    /**
     * @param withoutFF whether to write 0xFE wherever damage makes a 0xFF: Jackson pads the last
     *     four-byte group of a property name with 0xFF bytes when it looks the name up among those it
     *     has seen, so "ab\xFFc" is taken for "abc" if that was seen before, and the error it reports
     *     then depends on what its mapper has parsed; 0xFE is as invalid and not its padding
     */
    public Mutations(long seed, boolean withoutFF) {
        this.random = new SplittableRandom(seed);
        this.withoutFF = withoutFF;
    }

    /** A damaged copy of the JSON: one to three random changes. */
    public byte[] mutate(byte[] json) {
        byte[] bytes = json;
        int changes = random.nextInt(1, 4);
        for (int i = 0; i < changes && bytes.length > 0; i++) {
            bytes = once(bytes);
        }
        if (withoutFF) {
            bytes = bytes.clone();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = bytes[i] == (byte) 0xFF ? (byte) 0xFE : bytes[i];
            }
        }
        return bytes;
    }

    private byte[] once(byte[] json) {
        int at = random.nextInt(json.length);
        return switch (random.nextInt(9)) {
            case 0 -> replace(json, at, 1, new byte[] {BYTES[random.nextInt(BYTES.length)]});
            case 1 -> replace(json, at, 0, new byte[] {BYTES[random.nextInt(BYTES.length)]});
            case 2 -> replace(json, at, 1, new byte[0]);
            case 3 -> {
                int length = random.nextInt(1, Math.min(12, json.length - at) + 1);
                yield replace(json, at, 0, Arrays.copyOfRange(json, at, at + length));
            }
            case 4 -> replaceToken(json);
            case 5 -> replace(json, at, random.nextInt(2), ascii(ESCAPES[random.nextInt(ESCAPES.length)]));
            case 6 -> Arrays.copyOf(json, at);
            case 7 -> replace(json, at, 1, new byte[] {(byte) (json[at] ^ (1 << random.nextInt(8)))});
            default -> replace(json, at, 0, ascii(TOKENS[random.nextInt(TOKENS.length)]));
        };
    }

    /** Replaces a value (after a ':' or '[' or ',') with a token of the edge cases. */
    private byte[] replaceToken(byte[] json) {
        int start = random.nextInt(json.length);
        while (start < json.length && json[start] != ':' && json[start] != '[' && json[start] != ',') {
            start++;
        }
        if (start >= json.length) {
            return json;
        }
        start++;
        int end = start;
        if (end < json.length && json[end] == '"') {
            end++;
            while (end < json.length && json[end] != '"') {
                end += json[end] == '\\' ? 2 : 1;
            }
            end = Math.min(end + 1, json.length);
        } else {
            while (end < json.length && json[end] != ',' && json[end] != '}' && json[end] != ']') {
                end++;
            }
        }
        return replace(json, start, end - start, ascii(TOKENS[random.nextInt(TOKENS.length)]));
    }

    private static byte[] replace(byte[] json, int at, int length, byte[] with) {
        int removed = Math.min(length, json.length - at);
        byte[] result = new byte[json.length - removed + with.length];
        System.arraycopy(json, 0, result, 0, at);
        System.arraycopy(with, 0, result, at, with.length);
        System.arraycopy(json, at + removed, result, at + with.length, json.length - at - removed);
        return result;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
