package io.eventsourcing.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-23T10:15:30Z",
        "2026-11-23T10:15:30.123Z",
        "2026-11-23T10:15:30.123456Z",
        "2026-11-23T10:15:30.123456789Z",
        "2026-11-23T10:15:30.100Z",
        "2026-11-23T10:15:30.000001Z",
        "2026-11-23T10:15:30.000000001Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999999Z",
        "0000-01-01T00:00:00Z",
        "0001-03-01T12:00:00Z",
        "1600-02-29T00:00:00Z",
        "1900-02-28T23:59:59Z",
        "2000-02-29T00:00:00.5Z",
        "2024-12-31T23:59:59.99Z",
        "9999-12-31T23:59:59.999999999Z"
    })
    void reads_what_instant_parse_reads(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "+10000-01-01T00:00:00Z",
        "-0001-12-31T23:59:59Z",
        "+999999999-12-31T23:59:59.999999999Z",
        "2026-11-23T10:15:30+01:00",
        "2026-11-23T10:15:30.123-05:30",
        "2026-06-30T23:59:60Z",
        "2026-11-23t10:15:30z",
        "2026-11-23T10:15:30.Z"
    })
    void hands_other_shapes_to_instant_parse(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2026-11-23", "2026-11-23T10:15:30", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-23T24:00:01Z", "2026-11-23T10:60:00Z",
        "2026-11-23T10:15:30.1234567890Z", "2026-11-23T10:15:3xZ", "2O26-11-23T10:15:30Z",
        "2026-11-23T10:15:30.12a4Z"
    })
    void rejects_what_instant_parse_rejects(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void reads_a_slice_of_a_byte_buffer_and_hands_other_shapes_in_it_to_instant_parse() {
        byte[] buffer = "xx\"2026-11-23T10:15:30.123456Z\"yy\"2026-11-23T11:15:30+01:00\""
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(Timestamps.parse(buffer, 3, 27)).isEqualTo(Instant.parse("2026-11-23T10:15:30.123456Z"));
        assertThat(Timestamps.parse(buffer, 34, 25)).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThatThrownBy(() -> Timestamps.parse(buffer, 0, 10)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T10:15:3\u0660Z", "2026-11-23T10:15:30.\ud83d\ude00Z",
        "\ud83d\ude002026-11-23T10:15:30Z", "2026-11-23T10:15:30\u00e9"})
    void characters_outside_ascii_are_not_mistaken_for_digits_nor_miscounted(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-23T10:15:30Z",
        "2026-11-23T10:15:30.120Z",
        "2026-11-23T10:15:30.123400Z",
        "2026-11-23T10:15:30.123456780Z",
        "1969-12-31T23:59:59.999999999Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z",
        "+10000-01-01T00:00:00Z",
        "-0001-12-31T23:59:59Z"
    })
    void writes_what_instant_to_string_writes(String text) {
        Instant instant = Instant.parse(text);

        assertThat(Timestamps.format(instant)).isEqualTo(instant.toString());
    }

    @Test
    void random_instants_round_trip_and_match_the_jdk_both_ways() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long second = random.nextLong(min, max + 1);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            String text = Timestamps.format(instant);

            assertThat(text).isEqualTo(instant.toString());
            assertThat(Timestamps.parse(text)).isEqualTo(instant);
        }
    }

    @Test
    void random_dates_are_written_as_local_date_to_string_writes_them_and_read_back() {
        SplittableRandom random = new SplittableRandom(43);
        long min = LocalDate.of(0, 1, 1).toEpochDay();
        long max = LocalDate.of(9999, 12, 31).toEpochDay();
        for (int i = 0; i < 100_000; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextLong(min, max + 1));
            byte[] text = new byte[12];

            assertThat(Timestamps.isFast(date)).isTrue();
            Timestamps.writeDate(date, text, 1);

            assertThat(new String(text, 1, 10, StandardCharsets.US_ASCII)).isEqualTo(date.toString());
            assertThat(Timestamps.parseDate(text, 1, 10)).isEqualTo(date);
        }
        assertThat(Timestamps.isFast(LocalDate.of(10_000, 1, 1))).isFalse();
        assertThat(Timestamps.isFast(LocalDate.of(-1, 12, 31))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-01",
        "+2024-01-01", "2024/01/01", "2024-01-1x", "20240-01-01", "2024-01-01T00:00"})
    void reads_no_date_that_local_date_parse_rejects_or_reads_otherwise(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        LocalDate parsed = Timestamps.parseDate(ascii, 0, ascii.length);
        LocalDate jdk;
        try {
            jdk = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            jdk = null;
        }

        assertThat(parsed).isNull();
        assertThat(jdk == null || !text.matches("\\d{4}-\\d{2}-\\d{2}")).isTrue();
    }
}
