package io.eventsourcing.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.UUID;

/*
 * What this reads, it reads as Jackson's standard configuration does, and it reads only what it can
 * read exactly; for everything else it gives up (GiveUp) and the caller hands the JSON to Jackson,
 * which then accepts it or fails as it always did:
 * - compact JSON only: whitespace between tokens is given up on;
 * - strings: the escapes JSON defines (\" \\ \/ \b \f \n \r \t \\uXXXX, hex in either case); a raw
 *   control character, any other escape, or UTF-8 that is not well formed (overlong, a surrogate,
 *   beyond U+10FFFF, truncated) is given up on; so is a string longer than MAX_STRING bytes, well
 *   inside Jackson's limits;
 * - numbers: the JSON grammar, at most MAX_NUMBER characters (Jackson allows 1000); integers into an
 *   integral type within its range (a byte -128..127: Jackson also takes 128..255 as negative bytes);
 *   doubles and floats through Double.parseDouble and Float.parseFloat, which round correctly as
 *   Jackson's parsers do, with Clinger's exact shortcut for short decimals; an integer token into a
 *   double or float only when it converts exactly and is not "-0"; NaN and the infinities as the strings
 *   Jackson writes for them, "NaN", "Infinity" and "-Infinity"; BigDecimal as new BigDecimal(text).
 * The caller checks what follows each value (',' '}' ']'), so "12x" or "nullx" are given up on there.
 */

/**
 * A position in UTF-8 JSON bytes, read forward by the codec. One per document; not thread-safe. Not
 * API: this package is not exported.
 */
public final class JsonInput {
    /** Longer strings are left to Jackson. */
    static final int MAX_STRING = 1_000_000;
    /** Longer object keys are left to Jackson (whose limit for names is 50,000). */
    static final int MAX_KEY = 10_000;
    /** Longer numbers are left to Jackson (whose limit is 1000 characters). */
    static final int MAX_NUMBER = 500;
    private static final double[] DOUBLE_POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final float[] FLOAT_POW10 = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    private static final byte[] NAN = "NaN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFINITY = "Infinity".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEGATIVE_INFINITY = "-Infinity".getBytes(StandardCharsets.US_ASCII);
    /** Per byte in a string: 0 for plain ASCII, 1 for '"', 2 for '\', 3 for a control character, 4 for non-ASCII. */
    private static final byte[] STRING_BYTES = new byte[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            STRING_BYTES[b] = 3;
        }
        STRING_BYTES['"'] = 1;
        STRING_BYTES['\\'] = 2;
        for (int b = 0x80; b < 0x100; b++) {
            STRING_BYTES[b] = 4;
        }
    }

    final byte[] json;
    int at;
    private int depth;
    /** Where the last number scanned starts and ends, and its shape. */
    private int numberStart;
    private int numberEnd;
    private boolean fractional;
    /** Whether the last string read had a \\u escape of a surrogate. */
    private boolean escapedSurrogate;

    /** A position at {@code offset} in the bytes. */
    public JsonInput(byte[] json, int offset) {
        this.json = json;
        this.at = offset;
    }

    /** The index of the next byte to read. */
    public int position() {
        return at;
    }

    /** The next byte, not consumed. */
    byte peek() {
        return json[at];
    }

    /** Consumes the byte {@code expected}, giving up on any other. */
    void expect(char expected) {
        if (json[at] != expected) {
            throw GiveUp.INSTANCE;
        }
        at++;
    }

    /** Consumes the end of an array or object ({@code close}) if it is next: whether it was empty. */
    boolean empty(char close) {
        if (json[at] == close) {
            at++;
            return true;
        }
        return false;
    }

    /**
     * Consumes what follows a value in an array or object: true for ',' (another value follows), false
     * for {@code close}; gives up on anything else.
     */
    boolean more(char close) {
        byte b = json[at++];
        if (b == ',') {
            return true;
        }
        if (b != close) {
            throw GiveUp.INSTANCE;
        }
        return false;
    }

    /** Consumes {@code null} if it is next. */
    boolean nullLiteral() {
        if (json[at] == 'n' && json[at + 1] == 'u' && json[at + 2] == 'l' && json[at + 3] == 'l') {
            at += 4;
            return true;
        }
        return false;
    }

    /** Consumes the given bytes if they are next. */
    boolean consume(byte[] expected) {
        int end = at + expected.length;
        if (end <= json.length && Arrays.equals(json, at, end, expected, 0, expected.length)) {
            at = end;
            return true;
        }
        return false;
    }

    /**
     * Consumes the start of an array or object ({@code open}), one level of nesting in, giving up
     * beyond {@link JsonOutput#MAX_DEPTH}.
     */
    void open(char open) {
        if (++depth > JsonOutput.MAX_DEPTH) {
            throw GiveUp.INSTANCE;
        }
        expect(open);
    }

    /** One level of nesting out, after the end of an array or object. */
    void exit() {
        depth--;
    }

    boolean bool() {
        byte b = json[at];
        if (b == 't' && json[at + 1] == 'r' && json[at + 2] == 'u' && json[at + 3] == 'e') {
            at += 4;
            return true;
        }
        if (b == 'f' && json[at + 1] == 'a' && json[at + 2] == 'l' && json[at + 3] == 's' && json[at + 4] == 'e') {
            at += 5;
            return false;
        }
        throw GiveUp.INSTANCE;
    }

    /** A string value. */
    String string() {
        return string(MAX_STRING);
    }

    /**
     * An object key, followed by its ':'. A key with an escape that makes a surrogate is given up on:
     * Jackson reads keys with its own decoder, which refuses a lone surrogate that it takes in a value.
     */
    String key() {
        escapedSurrogate = false;
        String key = string(MAX_KEY);
        if (escapedSurrogate) {
            throw GiveUp.INSTANCE;
        }
        expect(':');
        return key;
    }

    private String string(int maxBytes) {
        expect('"');
        int start = at;
        int i = start;
        byte[] b = json;
        while (STRING_BYTES[b[i] & 0xFF] == 0) {
            i++;
        }
        if (b[i] == '"' && i - start <= maxBytes) {
            at = i + 1;
            return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
        }
        return stringWithEscapesOrUtf8(start, i, maxBytes);
    }

    /** The rest of a string from its first byte that is not plain ASCII. */
    private String stringWithEscapesOrUtf8(int start, int from, int maxBytes) {
        byte[] b = json;
        boolean escapes = false;
        int i = from;
        while (true) {
            int kind = STRING_BYTES[b[i] & 0xFF];
            if (kind == 0) {
                i++;
            } else if (kind == 1) {
                break;
            } else if (kind == 2) {
                escapes = true;
                i += 2;
            } else if (kind == 4) {
                i += utf8Length(b, i);
            } else {
                throw GiveUp.INSTANCE;
            }
        }
        if (i - start > maxBytes) {
            throw GiveUp.INSTANCE;
        }
        at = i + 1;
        return escapes ? unescape(start, i) : new String(b, start, i - start, StandardCharsets.UTF_8);
    }

    /**
     * The length of the well-formed UTF-8 sequence at {@code i} (RFC 3629: no overlong forms, no
     * surrogates, nothing beyond U+10FFFF); gives up on anything else.
     */
    private static int utf8Length(byte[] b, int i) {
        int lead = b[i] & 0xFF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation(b[i + 1], 0x80, 0xBF);
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            continuation(b[i + 1], lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF);
            continuation(b[i + 2], 0x80, 0xBF);
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            continuation(b[i + 1], lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF);
            continuation(b[i + 2], 0x80, 0xBF);
            continuation(b[i + 3], 0x80, 0xBF);
            return 4;
        }
        throw GiveUp.INSTANCE;
    }

    private static void continuation(byte b, int min, int max) {
        int value = b & 0xFF;
        if (value < min || value > max) {
            throw GiveUp.INSTANCE;
        }
    }

    /** Decodes a string with escapes from {@code start} to its closing quote at {@code end}, both checked before. */
    private String unescape(int start, int end) {
        byte[] b = json;
        char[] chars = new char[end - start];
        int n = 0;
        int i = start;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c == '\\') {
                char escaped = (char) b[i + 1];
                i += 2;
                chars[n++] = switch (escaped) {
                    case '"', '\\', '/' -> escaped;
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'u' -> {
                        char unicode = (char) (hex(b[i]) << 12 | hex(b[i + 1]) << 8 | hex(b[i + 2]) << 4
                                | hex(b[i + 3]));
                        i += 4;
                        escapedSurrogate |= Character.isSurrogate(unicode);
                        yield unicode;
                    }
                    default -> throw GiveUp.INSTANCE;
                };
            } else if (c < 0x80) {
                chars[n++] = (char) c;
                i++;
            } else if (c < 0xE0) {
                chars[n++] = (char) ((c & 0x1F) << 6 | b[i + 1] & 0x3F);
                i += 2;
            } else if (c < 0xF0) {
                chars[n++] = (char) ((c & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | b[i + 2] & 0x3F);
                i += 3;
            } else {
                int point = (c & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | b[i + 3] & 0x3F;
                chars[n++] = Character.highSurrogate(point);
                chars[n++] = Character.lowSurrogate(point);
                i += 4;
            }
        }
        if (i != end) {
            throw GiveUp.INSTANCE;
        }
        return new String(chars, 0, n);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        throw GiveUp.INSTANCE;
    }

    /**
     * The bounds of a string's content with no escapes and only ASCII (for the fixed shapes of UUIDs,
     * instants and dates), as {@code start << 32 | length}; gives up on any other string.
     */
    private long asciiContent() {
        expect('"');
        int start = at;
        int i = start;
        byte[] b = json;
        while (STRING_BYTES[b[i] & 0xFF] == 0) {
            i++;
        }
        if (b[i] != '"') {
            throw GiveUp.INSTANCE;
        }
        at = i + 1;
        return (long) start << 32 | (i - start);
    }

    Instant instant() {
        long content = asciiContent();
        Instant instant = Timestamps.parseUtc(json, (int) (content >>> 32), (int) content);
        if (instant == null) {
            throw GiveUp.INSTANCE;
        }
        return instant;
    }

    LocalDate date() {
        long content = asciiContent();
        LocalDate date = Timestamps.parseDate(json, (int) (content >>> 32), (int) content);
        if (date == null) {
            throw GiveUp.INSTANCE;
        }
        return date;
    }

    /**
     * A date and time in the ISO-8601 form Jackson writes, read as Jackson reads it (with
     * ISO_LOCAL_DATE_TIME); a string with anything but digits, '-', '+', ':', '.' and 'T' (a 'Z' Jackson
     * drops, spaces it trims) is given up on.
     */
    LocalDateTime localDateTime() {
        String text = isoText("0123456789-+:.T");
        try {
            return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeException e) {
            throw GiveUp.INSTANCE;
        }
    }

    /**
     * A time of day in the ISO-8601 form Jackson writes, read as Jackson reads it (with ISO_LOCAL_TIME);
     * a string with anything but digits, ':' and '.' (a date and time Jackson takes the time of) is
     * given up on.
     */
    LocalTime localTime() {
        String text = isoText("0123456789:.");
        try {
            return LocalTime.parse(text, DateTimeFormatter.ISO_LOCAL_TIME);
        } catch (DateTimeException e) {
            throw GiveUp.INSTANCE;
        }
    }

    /** A string of only the given ASCII characters, not empty. */
    private String isoText(String allowed) {
        long content = asciiContent();
        int start = (int) (content >>> 32);
        int length = (int) content;
        if (length == 0) {
            throw GiveUp.INSTANCE;
        }
        for (int i = start; i < start + length; i++) {
            if (allowed.indexOf(json[i]) < 0) {
                throw GiveUp.INSTANCE;
            }
        }
        return new String(json, start, length, StandardCharsets.ISO_8859_1);
    }

    /** A UUID in its 36-character form, hex digits in either case, as Jackson reads it. */
    UUID uuid() {
        long content = asciiContent();
        int s = (int) (content >>> 32);
        if ((int) content != 36 || json[s + 8] != '-' || json[s + 13] != '-' || json[s + 18] != '-'
                || json[s + 23] != '-') {
            throw GiveUp.INSTANCE;
        }
        long most = hexLong(s, 8) << 32 | hexLong(s + 9, 4) << 16 | hexLong(s + 14, 4);
        long least = hexLong(s + 19, 4) << 48 | hexLong(s + 24, 12);
        return new UUID(most, least);
    }

    private long hexLong(int from, int count) {
        long value = 0;
        for (int i = from; i < from + count; i++) {
            value = value << 4 | hex(json[i]);
        }
        return value;
    }

    /**
     * Scans a number from the current position by the JSON grammar, setting its bounds and whether it
     * has a fraction or an exponent.
     */
    private void scanNumber() {
        byte[] b = json;
        int start = at;
        int i = start;
        if (b[i] == '-') {
            i++;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i++;
            while (isDigit(b[i])) {
                i++;
            }
        } else {
            throw GiveUp.INSTANCE;
        }
        boolean hasFraction = false;
        if (b[i] == '.') {
            i++;
            if (!isDigit(b[i])) {
                throw GiveUp.INSTANCE;
            }
            while (isDigit(b[i])) {
                i++;
            }
            hasFraction = true;
        }
        if (b[i] == 'e' || b[i] == 'E') {
            i++;
            if (b[i] == '+' || b[i] == '-') {
                i++;
            }
            if (!isDigit(b[i])) {
                throw GiveUp.INSTANCE;
            }
            while (isDigit(b[i])) {
                i++;
            }
            hasFraction = true;
        }
        if (i - start > MAX_NUMBER) {
            throw GiveUp.INSTANCE;
        }
        numberStart = start;
        numberEnd = i;
        fractional = hasFraction;
        at = i;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** An integer token, within {@code [min, max]}. */
    long integer(long min, long max) {
        scanNumber();
        if (fractional) {
            throw GiveUp.INSTANCE;
        }
        long value = integerValue(numberStart, numberEnd);
        if (value < min || value > max) {
            throw GiveUp.INSTANCE;
        }
        return value;
    }

    /** The value of an integer token's text within long's range, accumulated negatively to reach Long.MIN_VALUE. */
    private long integerValue(int start, int end) {
        boolean negative = json[start] == '-';
        int i = negative ? start + 1 : start;
        long value = 0;
        try {
            for (; i < end; i++) {
                value = Math.subtractExact(Math.multiplyExact(value, 10), json[i] - '0');
            }
            return negative ? value : Math.negateExact(value);
        } catch (ArithmeticException e) {
            throw GiveUp.INSTANCE;
        }
    }

    double doubleValue() {
        if (json[at] == '"') {
            return special(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        }
        scanNumber();
        if (!fractional) {
            long value = exactInteger(1L << 53);
            return value;
        }
        long decimal = shortDecimal(15, 22);
        if (decimal != NOT_SHORT) {
            int exponent = (int) (byte) decimal;
            double mantissa = decimal >> 8;
            double value = exponent < 0 ? mantissa / DOUBLE_POW10[-exponent] : mantissa * DOUBLE_POW10[exponent];
            return json[numberStart] == '-' ? -value : value;
        }
        return Double.parseDouble(numberText());
    }

    float floatValue() {
        if (json[at] == '"') {
            return (float) special(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        }
        scanNumber();
        if (!fractional) {
            long value = exactInteger(1L << 24);
            return value;
        }
        long decimal = shortDecimal(7, 10);
        if (decimal != NOT_SHORT) {
            int exponent = (int) (byte) decimal;
            float mantissa = decimal >> 8;
            float value = exponent < 0 ? mantissa / FLOAT_POW10[-exponent] : mantissa * FLOAT_POW10[exponent];
            return json[numberStart] == '-' ? -value : value;
        }
        return Float.parseFloat(numberText());
    }

    /** The string of NaN or an infinity, as they are written, given up on any other string. */
    private double special(double nan, double positive, double negative) {
        long content = asciiContent();
        int start = (int) (content >>> 32);
        int length = (int) content;
        if (Arrays.equals(json, start, start + length, NAN, 0, NAN.length)) {
            return nan;
        }
        if (Arrays.equals(json, start, start + length, INFINITY, 0, INFINITY.length)) {
            return positive;
        }
        if (Arrays.equals(json, start, start + length, NEGATIVE_INFINITY, 0, NEGATIVE_INFINITY.length)) {
            return negative;
        }
        throw GiveUp.INSTANCE;
    }

    /** An integer token that a double or float holds exactly: magnitude at most {@code bound}, not "-0". */
    private long exactInteger(long bound) {
        if (numberEnd - numberStart > 18) {
            throw GiveUp.INSTANCE;
        }
        long value = integerValue(numberStart, numberEnd);
        if (value > bound || value < -bound || value == 0 && json[numberStart] == '-') {
            throw GiveUp.INSTANCE;
        }
        return value;
    }

    private static final long NOT_SHORT = Long.MIN_VALUE;

    /**
     * The scanned decimal as an unsigned mantissa of at most {@code maxDigits} digits (shifted left by 8)
     * and a power of ten within {@code maxExponent} (in the low byte), or NOT_SHORT when it is longer.
     */
    private long shortDecimal(int maxDigits, int maxExponent) {
        byte[] b = json;
        int i = b[numberStart] == '-' ? numberStart + 1 : numberStart;
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean afterPoint = false;
        for (; i < numberEnd; i++) {
            byte c = b[i];
            if (c == '.') {
                afterPoint = true;
            } else if (c == 'e' || c == 'E') {
                break;
            } else {
                if (mantissa != 0 || c != '0') {
                    if (++digits > maxDigits) {
                        return NOT_SHORT;
                    }
                }
                mantissa = mantissa * 10 + (c - '0');
                if (afterPoint) {
                    exponent--;
                }
            }
        }
        if (i < numberEnd) {
            i++;
            boolean negative = b[i] == '-';
            if (b[i] == '+' || b[i] == '-') {
                i++;
            }
            if (numberEnd - i > 3) {
                return NOT_SHORT;
            }
            int explicit = 0;
            for (; i < numberEnd; i++) {
                explicit = explicit * 10 + (b[i] - '0');
            }
            exponent += negative ? -explicit : explicit;
        }
        if (exponent < -maxExponent || exponent > maxExponent) {
            return NOT_SHORT;
        }
        return mantissa << 8 | (exponent & 0xFF);
    }

    BigDecimal bigDecimal() {
        scanNumber();
        if (!fractional && numberEnd - numberStart <= 18) {
            return BigDecimal.valueOf(integerValue(numberStart, numberEnd));
        }
        try {
            return new BigDecimal(numberText());
        } catch (NumberFormatException | ArithmeticException e) {
            throw GiveUp.INSTANCE;
        }
    }

    BigInteger bigInteger() {
        scanNumber();
        if (fractional) {
            throw GiveUp.INSTANCE;
        }
        if (numberEnd - numberStart <= 18) {
            return BigInteger.valueOf(integerValue(numberStart, numberEnd));
        }
        return new BigInteger(numberText());
    }

    private String numberText() {
        return new String(json, numberStart, numberEnd - numberStart, StandardCharsets.ISO_8859_1);
    }
}
