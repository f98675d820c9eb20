package io.eventsourcing.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/*
 * Every choice here copies what Jackson 3's UTF8JsonGenerator does in the standard configuration, so
 * that the bytes are the ones it writes: strings escape '"', '\' and the control characters (the five
 * with short escapes \b \t \n \f \r as such, the others as six-character escapes with upper-case
 * hex), and nothing else: not '/', not DEL, not U+2028, not non-ASCII, which is written as UTF-8, a
 * surrogate pair as one four-byte sequence. A lone surrogate (which Jackson writes as an escape) is
 * given up on. Doubles and floats are Double.toString and Float.toString, their NaN and infinities as
 * strings; BigDecimal is toPlainString within the scale Jackson allows; BigInteger and the integral
 * types are decimal.
 */

/**
 * A growing buffer of compact UTF-8 JSON, written the way Jackson's standard configuration writes it.
 * One per document; not thread-safe. Not API: this package is not exported.
 */
public final class JsonOutput {
    /** Nesting beyond this is left to Jackson, which has its own limit (500). */
    static final int MAX_DEPTH = 100;
    /** Jackson refuses to write a plain BigDecimal whose scale is beyond this. */
    private static final int MAX_PLAIN_SCALE = 9999;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 if written as it is, the letter of its two-character escape, or -1 for \\u00XX. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private byte[] bytes;
    private int size;
    private int depth;

    /** An empty buffer with room for {@code capacity} bytes before it grows. */
    public JsonOutput(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    /** Appends bytes as they are. */
    public void raw(byte[] raw) {
        ensure(raw.length);
        System.arraycopy(raw, 0, bytes, size, raw.length);
        size += raw.length;
    }

    /**
     * Appends a quoted JSON string as Jackson writes it, or returns false (having written part of it)
     * if the string has a lone surrogate, which this does not write.
     */
    public boolean string(String text) {
        try {
            quoted(text);
            return true;
        } catch (GiveUp e) {
            return false;
        }
    }

    /** Appends a number in decimal. */
    public void number(long value) {
        ensure(20);
        if (value == Long.MIN_VALUE) {
            System.arraycopy(MIN_LONG, 0, bytes, size, MIN_LONG.length);
            size += MIN_LONG.length;
            return;
        }
        long rest = value;
        if (rest < 0) {
            bytes[size++] = '-';
            rest = -rest;
        }
        int digits = 1;
        for (long bound = 10; digits < 19 && rest >= bound; bound *= 10) {
            digits++;
        }
        int at = size + digits;
        size = at;
        do {
            bytes[--at] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
    }

    /** The bytes written so far, in an array of their exact length. */
    public byte[] toByteArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    /** How many bytes have been written. */
    public int size() {
        return size;
    }

    void raw(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    void nullValue() {
        raw(NULL);
    }

    void bool(boolean value) {
        raw(value ? TRUE : FALSE);
    }

    void number(double value) {
        floating(Double.toString(value), Double.isFinite(value));
    }

    void number(float value) {
        floating(Float.toString(value), Float.isFinite(value));
    }

    /** A double's or float's text: a number if it is finite, else a string ("NaN", "Infinity", "-Infinity"). */
    private void floating(String text, boolean finite) {
        if (finite) {
            ascii(text);
        } else {
            raw((byte) '"');
            ascii(text);
            raw((byte) '"');
        }
    }

    void number(BigDecimal value) {
        if (value.getClass() != BigDecimal.class || Math.abs(value.scale()) > MAX_PLAIN_SCALE) {
            throw GiveUp.INSTANCE;
        }
        ascii(value.toPlainString());
    }

    void number(BigInteger value) {
        if (value.getClass() != BigInteger.class) {
            throw GiveUp.INSTANCE;
        }
        ascii(value.toString());
    }

    /** Appends the quoted text of {@link Instant#toString()}. */
    public void instant(Instant instant) {
        if (!Timestamps.isFast(instant)) {
            quoted(instant.toString());
            return;
        }
        ensure(Timestamps.LONGEST_FAST + 2);
        bytes[size++] = '"';
        size = Timestamps.write(instant, bytes, size);
        bytes[size++] = '"';
    }

    /** Appends the quoted text of {@link LocalDate#toString()}. */
    void date(LocalDate date) {
        if (!Timestamps.isFast(date)) {
            quoted(date.toString());
            return;
        }
        ensure(12);
        bytes[size] = '"';
        Timestamps.writeDate(date, bytes, size + 1);
        bytes[size + 11] = '"';
        size += 12;
    }

    /** Appends the quoted text of {@link UUID#toString()}. */
    void uuid(UUID uuid) {
        ensure(38);
        bytes[size] = '"';
        hex(uuid.getMostSignificantBits() >>> 32, size + 1, 8);
        bytes[size + 9] = '-';
        hex(uuid.getMostSignificantBits() >>> 16, size + 10, 4);
        bytes[size + 14] = '-';
        hex(uuid.getMostSignificantBits(), size + 15, 4);
        bytes[size + 19] = '-';
        hex(uuid.getLeastSignificantBits() >>> 48, size + 20, 4);
        bytes[size + 24] = '-';
        hex(uuid.getLeastSignificantBits(), size + 25, 12);
        bytes[size + 37] = '"';
        size += 38;
    }

    /** Appends the start of an array or object, one level of nesting in, giving up beyond {@link #MAX_DEPTH}. */
    void open(char open) {
        if (++depth > MAX_DEPTH) {
            throw GiveUp.INSTANCE;
        }
        raw((byte) open);
    }

    /** Appends the end of an array or object, one level of nesting out. */
    void close(char close) {
        raw((byte) close);
        depth--;
    }

    /** Appends a quoted JSON string as Jackson writes it; gives up on a lone surrogate. */
    void quoted(String text) {
        int length = text.length();
        ensure(length + 2);
        byte[] b = bytes;
        int at = size;
        b[at++] = '"';
        int i = 0;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != 0) {
                break;
            }
            b[at++] = (byte) c;
        }
        size = at;
        if (i < length) {
            escaped(text, i);
        }
        raw((byte) '"');
    }

    /** The rest of a string from its first character that is not plain ASCII. */
    private void escaped(String text, int from) {
        int length = text.length();
        for (int i = from; i < length; i++) {
            ensure(6);
            byte[] b = bytes;
            char c = text.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    b[size++] = (byte) c;
                } else if (escape > 0) {
                    b[size++] = '\\';
                    b[size++] = escape;
                } else {
                    b[size++] = '\\';
                    b[size++] = 'u';
                    b[size++] = '0';
                    b[size++] = '0';
                    b[size++] = HEX[c >> 4];
                    b[size++] = HEX[c & 0xF];
                }
            } else if (c < 0x800) {
                b[size++] = (byte) (0xC0 | c >> 6);
                b[size++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                b[size++] = (byte) (0xE0 | c >> 12);
                b[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int point = Character.toCodePoint(c, text.charAt(++i));
                b[size++] = (byte) (0xF0 | point >> 18);
                b[size++] = (byte) (0x80 | point >> 12 & 0x3F);
                b[size++] = (byte) (0x80 | point >> 6 & 0x3F);
                b[size++] = (byte) (0x80 | point & 0x3F);
            } else {
                throw GiveUp.INSTANCE;
            }
        }
    }

    /** Appends ASCII text (a number's) as it is. */
    private void ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size + i] = (byte) text.charAt(i);
        }
        size += length;
    }

    /** Writes the lowest {@code count} hex digits of a value, lower case, at {@code at}. */
    private void hex(long value, int at, int count) {
        long rest = value;
        for (int i = at + count - 1; i >= at; i--) {
            bytes[i] = LOWER_HEX[(int) rest & 0xF];
            rest >>>= 4;
        }
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + extra, bytes.length * 2));
        }
    }
}
