package io.eventsourcing.internal.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/*
 * Every stored event carries its timestamp as the text of Instant.toString(): "2026-11-23T10:15:30Z",
 * with a fraction of 3, 6 or 9 digits when there is one. Instant.parse and Instant.toString go through
 * DateTimeFormatter, which costs more than the rest of a small event's envelope, so this class reads
 * and writes the common shape (a four-digit year, UTC, "Z") by hand. Anything else, such as years
 * beyond 9999 or an offset, goes to the JDK, so the two ways agree on every input: both give the same
 * instant for the same text, and the same text for the same instant. Dates (LocalDate, as a payload
 * field) are the same story: "2026-11-23" by hand, anything else by the JDK.
 */

/**
 * Reads and writes instants and dates in the ISO-8601 forms of {@link Instant#toString()} and
 * {@link LocalDate#toString()}, quickly. Stateless. Not API: this package is not exported.
 */
public final class Timestamps {
    private static final int SHORTEST = "2026-11-23T10:15:30Z".length();
    private static final int LONGEST = "2026-11-23T10:15:30.123456789Z".length();
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long DAYS_0000_TO_1970 = 719_528;
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    /** The most bytes {@link #write} writes for an instant with a four-digit year. */
    static final int LONGEST_FAST = LONGEST;
    /** Latest epoch second with a four-digit year: 9999-12-31T23:59:59Z. */
    private static final long MAX_FAST_SECOND = 253_402_300_799L;
    /** Earliest epoch second with a four-digit year: 0000-01-01T00:00:00Z. */
    private static final long MIN_FAST_SECOND = -62_167_219_200L;

    private Timestamps() {}

    /**
     * The instant the text describes, as {@link Instant#parse} reads it.
     *
     * @throws DateTimeParseException if it is not an ISO-8601 instant
     */
    public static Instant parse(String text) {
        Instant fast = null;
        if (text.length() <= LONGEST) {
            // As many bytes as chars (a char outside Latin-1, even half a surrogate pair, becomes '?').
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            fast = bytes.length == text.length() ? parseUtc(bytes, 0, bytes.length) : null;
        }
        return fast != null ? fast : Instant.parse(text);
    }

    /**
     * The instant that {@code length} ASCII bytes from {@code offset} describe, as {@link Instant#parse}
     * reads them.
     *
     * @throws DateTimeParseException if they are not an ISO-8601 instant
     */
    public static Instant parse(byte[] ascii, int offset, int length) {
        Instant fast = parseUtc(ascii, offset, length);
        return fast != null ? fast : Instant.parse(new String(ascii, offset, length, StandardCharsets.ISO_8859_1));
    }

    /** The text of {@link Instant#toString()}. */
    public static String format(Instant instant) {
        return new String(formatAscii(instant), StandardCharsets.ISO_8859_1);
    }

    /** The ASCII bytes of {@link Instant#toString()}. */
    public static byte[] formatAscii(Instant instant) {
        if (!isFast(instant)) {
            return instant.toString().getBytes(StandardCharsets.US_ASCII);
        }
        byte[] text = new byte[textLength(instant)];
        write(instant, text, 0);
        return text;
    }

    /** The length of the text of {@link Instant#toString()}. */
    public static int textLength(Instant instant) {
        if (!isFast(instant)) {
            return instant.toString().length();
        }
        int digits = fractionDigits(instant.getNano());
        return SHORTEST + (digits == 0 ? 0 : digits + 1);
    }

    /** How many digits Instant.toString gives the fraction of a second: 0, 3, 6 or 9. */
    private static int fractionDigits(int nanos) {
        return nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    }

    /** Whether {@link #write} can write the instant: its year has four digits. */
    static boolean isFast(Instant instant) {
        long seconds = instant.getEpochSecond();
        return seconds >= MIN_FAST_SECOND && seconds <= MAX_FAST_SECOND;
    }

    /**
     * Writes the ASCII text of {@link Instant#toString()} of an instant for which {@link #isFast} holds,
     * at {@code at}, where there is room for {@link #LONGEST_FAST} bytes; returns the index after it.
     */
    static int write(Instant instant, byte[] text, int at) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nanos = instant.getNano();
        int digits = fractionDigits(nanos);
        writeDate(text, at, days);
        text[at + 10] = 'T';
        put(text, at + 11, 2, secondOfDay / 3600);
        text[at + 13] = ':';
        put(text, at + 14, 2, secondOfDay / 60 % 60);
        text[at + 16] = ':';
        put(text, at + 17, 2, secondOfDay % 60);
        int end = at + 19;
        if (digits > 0) {
            text[end] = '.';
            put(text, end + 1, digits, nanos / POW10[9 - digits]);
            end += digits + 1;
        }
        text[end] = 'Z';
        return end + 1;
    }

    /** Whether {@link #writeDate(LocalDate, byte[], int)} can write the date: its year has four digits. */
    static boolean isFast(LocalDate date) {
        return date.getYear() >= 0 && date.getYear() <= 9999;
    }

    /**
     * Writes the ten ASCII bytes of {@link LocalDate#toString()} of a date for which {@link #isFast}
     * holds, at {@code at}.
     */
    static void writeDate(LocalDate date, byte[] text, int at) {
        put(text, at, 4, date.getYear());
        text[at + 4] = '-';
        put(text, at + 5, 2, date.getMonthValue());
        text[at + 7] = '-';
        put(text, at + 8, 2, date.getDayOfMonth());
    }

    /**
     * The date of exactly the shape "yyyy-MM-dd" (a four-digit year, a valid day), as
     * {@link LocalDate#parse} reads it, or null if the bytes have another shape.
     */
    static @Nullable LocalDate parseDate(byte[] c, int o, int length) {
        if (length != 10 || c[o + 4] != '-' || c[o + 7] != '-') {
            return null;
        }
        int year = digits(c, o, 4);
        int month = digits(c, o + 5, 2);
        int day = digits(c, o + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** The instant of the UTC shape with a four-digit year, or null if the bytes have another shape. */
    public static @Nullable Instant parseUtc(byte[] c, int o, int length) {
        if (length < SHORTEST || length > LONGEST || c[o + length - 1] != 'Z' || c[o + 4] != '-' || c[o + 7] != '-'
                || c[o + 10] != 'T' || c[o + 13] != ':' || c[o + 16] != ':') {
            return null;
        }
        int y1 = c[o] - '0';
        int y2 = c[o + 1] - '0';
        int y3 = c[o + 2] - '0';
        int y4 = c[o + 3] - '0';
        int mo1 = c[o + 5] - '0';
        int mo2 = c[o + 6] - '0';
        int d1 = c[o + 8] - '0';
        int d2 = c[o + 9] - '0';
        int h1 = c[o + 11] - '0';
        int h2 = c[o + 12] - '0';
        int mi1 = c[o + 14] - '0';
        int mi2 = c[o + 15] - '0';
        int s1 = c[o + 17] - '0';
        int s2 = c[o + 18] - '0';
        // A digit is in [0, 9] exactly when neither it nor 9 minus it is negative: one sign test for all.
        int signs = y1 | y2 | y3 | y4 | mo1 | mo2 | d1 | d2 | h1 | h2 | mi1 | mi2 | s1 | s2
                | (9 - y1) | (9 - y2) | (9 - y3) | (9 - y4) | (9 - mo1) | (9 - mo2) | (9 - d1) | (9 - d2)
                | (9 - h1) | (9 - h2) | (9 - mi1) | (9 - mi2) | (9 - s1) | (9 - s2);
        if (signs < 0) {
            return null;
        }
        int year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
        int month = mo1 * 10 + mo2;
        int day = d1 * 10 + d2;
        int hour = h1 * 10 + h2;
        int minute = mi1 * 10 + mi2;
        int second = s1 * 10 + s2;
        if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        int nanos = 0;
        int fraction = length - SHORTEST - 1;
        if (fraction >= 0) {
            if (fraction == 0 || c[o + 19] != '.') {
                return null;
            }
            int value = digits(c, o + 20, fraction);
            if (value < 0) {
                return null;
            }
            nanos = value * POW10[9 - fraction];
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second,
                nanos);
    }

    /** The value of {@code count} ASCII digits, or -1 if one is not a digit. */
    private static int digits(byte[] c, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = c[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date in years 0 to 9999, in int arithmetic: years
     * are counted from March, so the leap day ends a year (H. Hinnant's days_from_civil), and shifted by
     * 400 years so that every quotient is of a non-negative number.
     */
    private static long epochDay(int year, int month, int day) {
        int marchYear = (month <= 2 ? year - 1 : year) + 400;
        int era = marchYear / 400;
        int yearOfEra = marchYear - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468 - 146_097;
    }

    /** Writes "yyyy-MM-dd" of an epoch day in years 0000 to 9999 (the inverse of LocalDate.ofEpochDay). */
    private static void writeDate(byte[] text, int at, long epochDay) {
        long zeroDay = epochDay + DAYS_0000_TO_1970 - 60;
        long adjust = 0;
        if (zeroDay < 0) {
            long adjustCycles = (zeroDay + 1) / 146_097 - 1;
            adjust = adjustCycles * 400;
            zeroDay += -adjustCycles * 146_097;
        }
        long yearEstimate = (400 * zeroDay + 591) / 146_097;
        long doyEstimate = zeroDay - (365 * yearEstimate + yearEstimate / 4 - yearEstimate / 100 + yearEstimate / 400);
        if (doyEstimate < 0) {
            yearEstimate--;
            doyEstimate = zeroDay - (365 * yearEstimate + yearEstimate / 4 - yearEstimate / 100 + yearEstimate / 400);
        }
        yearEstimate += adjust;
        int marchDoy0 = (int) doyEstimate;
        int marchMonth0 = (marchDoy0 * 5 + 2) / 153;
        int month = (marchMonth0 + 2) % 12 + 1;
        int day = marchDoy0 - (marchMonth0 * 306 + 5) / 10 + 1;
        long year = yearEstimate + marchMonth0 / 10;
        put(text, at, 4, (int) year);
        text[at + 4] = '-';
        put(text, at + 5, 2, month);
        text[at + 7] = '-';
        put(text, at + 8, 2, day);
    }

    /** Writes {@code value} as exactly {@code count} digits, zero-padded. */
    private static void put(byte[] text, int from, int count, int value) {
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
