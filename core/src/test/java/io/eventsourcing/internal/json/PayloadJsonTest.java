package io.eventsourcing.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.internal.json.Shapes.Colour;
import io.eventsourcing.internal.json.Shapes.Numbers;
import io.eventsourcing.internal.json.Shapes.Scalars;
import io.eventsourcing.persistence.Transcoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast codec against Jackson's standard configuration, which it must match: the same bytes for
 * random values of every shape, equal objects (same classes down to the collections) for those bytes,
 * and for damaged JSON either the same object Jackson reads, ending at the same byte, or nothing.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PayloadJsonTest {
    private static final JsonMapper JACKSON = Transcoder.standardJsonMapper().build();
    static final List<Class<? extends Record>> SHAPES = Shapes.ALL;

    @ParameterizedTest
    @FieldSource("SHAPES")
    void every_test_shape_is_one_the_codec_handles(Class<?> shape) {
        assertThat(PayloadJson.unsupported(shape)).isNull();
    }

    @Nested
    class Random_values {

        @ParameterizedTest
        @FieldSource("io.eventsourcing.internal.json.PayloadJsonTest#SHAPES")
        void are_written_byte_for_byte_as_jackson_writes_them_and_read_back_as_jackson_reads_them(
                Class<? extends Record> shape) {
            RandomValues values = new RandomValues(shape.getName().hashCode(), false);
            for (int i = 0; i < 400; i++) {
                Record value = values.record(shape);
                byte[] expected = JACKSON.writeValueAsBytes(value);

                byte[] written = fastWrite(value);

                assertThat(written).as("written by the codec: %s", value).isNotNull();
                assertThat(text(written)).isEqualTo(text(expected));
                assertThat(written).isEqualTo(expected);
                JsonInput in = new JsonInput(written, 0);
                Object read = PayloadJson.read(in, shape);
                assertThat(read).as("read by the codec: %s", text(written)).isNotNull();
                assertThat(in.position()).isEqualTo(written.length);
                assertThat(DeepEquality.difference(JACKSON.readValue(written, shape), read)).as(text(written)).isNull();
            }
        }

        @ParameterizedTest
        @FieldSource("io.eventsourcing.internal.json.PayloadJsonTest#SHAPES")
        void with_extremes_are_written_byte_for_byte_as_jackson_writes_them_and_read_alike_or_left_to_jackson(
                Class<? extends Record> shape) {
            RandomValues values = new RandomValues(31 * shape.getName().hashCode(), true);
            for (int i = 0; i < 200; i++) {
                Record value = values.record(shape);
                byte[] expected = JACKSON.writeValueAsBytes(value);

                byte[] written = fastWrite(value);

                assertThat(written).as("written by the codec: %s", value).isNotNull();
                assertThat(text(written)).isEqualTo(text(expected));
                checkAgainstJackson(written, shape);
            }
        }

        @ParameterizedTest
        @FieldSource("io.eventsourcing.internal.json.PayloadJsonTest#SHAPES")
        void damaged_are_read_as_jackson_reads_them_or_left_to_jackson(Class<? extends Record> shape) {
            RandomValues values = new RandomValues(~shape.getName().hashCode(), false);
            Mutations mutations = new Mutations(shape.getName().hashCode(), false);
            int readByTheCodec = 0;
            for (int i = 0; i < 150; i++) {
                byte[] json = JACKSON.writeValueAsBytes(values.record(shape));
                for (int j = 0; j < 40; j++) {
                    byte[] damaged = mutations.mutate(json);
                    if (checkAgainstJackson(damaged, shape)) {
                        readByTheCodec++;
                    }
                }
            }
            assertThat(readByTheCodec).as("damaged JSON that still reads").isPositive();
        }
    }

    /**
     * Reads the JSON with the codec and, if it reads, with Jackson as the envelope does (what follows
     * the object is not Jackson's business), and checks they agree. Whether the codec read it.
     */
    static boolean checkAgainstJackson(byte[] json, Class<?> type) {
        JsonInput in = new JsonInput(json, 0);
        Object fast = PayloadJson.read(in, type);
        if (fast == null) {
            return false;
        }
        Object expected;
        long end;
        ObjectReader reader = JACKSON.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = JACKSON.createParser(json)) {
            expected = reader.readValue(parser);
            end = parser.currentLocation().getByteOffset();
        } catch (RuntimeException e) {
            throw new AssertionError("the codec read " + text(json) + " as " + fast + " but Jackson fails: " + e, e);
        }
        assertThat(DeepEquality.difference(expected, fast)).as(text(json)).isNull();
        assertThat((long) in.position()).as("end of " + text(json)).isEqualTo(end);
        return true;
    }

    @Nested
    class Reading {

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"s\":\"a\\u0041\\u00e9\\u00E9\\/\\\"\\\\\\b\\f\\n\\r\\t\\uD83D\\uDE00\",\"i\":-0,\"l\":-9223372036854775808,"
                + "\"sh\":-32768,\"b\":127,\"z\":false,\"d\":1E2,\"f\":-1.5e-3}",
            "{\"f\":1.00000017881393432617187499,\"d\":2.2250738585072011e-308,\"z\":true,\"b\":-128,\"sh\":32767,"
                + "\"l\":9223372036854775807,\"i\":2147483647,\"s\":\"\\uD800 lone escaped surrogate\"}",
            "{\"s\":\"é日本\uD83D\uDE00\u007f\",\"i\":0,\"l\":0,\"sh\":0,\"b\":0,\"z\":true,\"d\":9007199254740992,"
                + "\"f\":16777216}",
            "{\"s\":\"\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":123456789012345678901234567890.5e-10,"
                + "\"f\":0.1e1}"
        })
        void other_spellings_that_jackson_accepts_are_read_alike(String json) {
            assertThat(checkAgainstJackson(utf8(json), Scalars.class)).isTrue();
        }

        @Test
        void uuids_in_upper_case_decimals_with_exponents_and_dates_are_read_alike() {
            String json = "{\"id\":\"ABCDEF01-2345-6789-abcd-EF0123456789\",\"at\":\"2026-11-23T10:15:30.5Z\","
                    + "\"day\":\"2024-02-29\",\"ats\":[\"0000-01-01T00:00:00Z\"],\"days\":[\"9999-12-31\"]}";

            assertThat(checkAgainstJackson(utf8(json), Shapes.Times.class)).isTrue();
            assertThat(checkAgainstJackson(utf8("{\"decimal\":1.50E+3,\"integer\":-0,\"d\":1,\"f\":-2,"
                    + "\"decimals\":[0.000,-0.0,1e-2,12345678901234567890.123]}"), Numbers.class)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            " {\"s\":\"x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5}",
            "{\"s\" :\"x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5}",
            "{\"s\":\"x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5}",
            "{\"s\":\"x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5,\"g\":1}",
            "{\"s\":\"x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5,\"s\":\"y\"}",
            "{\"s\":\"x\",\"i\":null,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5}",
            "{\"s\":\"x\",\"i\":1.0,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5}",
            "{\"s\":\"x\",\"i\":\"1\",\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5}",
            "{\"s\":\"x\",\"i\":2147483648,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5}",
            "{\"s\":\"x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":200,\"z\":true,\"d\":1.5,\"f\":1.5}",
            "{\"s\":\"x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":-0,\"f\":1.5}",
            "{\"s\":\"x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":\"nan\",\"f\":1.5}",
            "{\"s\":\"x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":1,\"d\":1.5,\"f\":1.5}",
            "{\"s\":\"\\x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5}",
            "{\"s\":\"\u0001\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5}",
            "{\"s\":\"x\",\"i\":01,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5}",
            "{\"s\":\"x\",\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5,}",
            "{\"s\":1,\"i\":1,\"l\":1,\"sh\":1,\"b\":1,\"z\":true,\"d\":1.5,\"f\":1.5}"
        })
        void gives_up_on_what_it_does_not_read_exactly_as_jackson(String json) {
            assertThat(PayloadJson.read(new JsonInput(utf8(json), 0), Scalars.class)).isNull();
        }

        @Test
        void gives_up_on_utf8_that_is_not_well_formed() {
            for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2,
                (byte) 0x82}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF})) {
                byte[] json = concat(utf8("{\"value\":\""), bad, utf8("\"}"));

                assertThat(PayloadJson.read(new JsonInput(json, 0), Shapes.One.class)).isNull();
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"2026-01-02T03:04Z\"", "\" 2026-01-02T03:04\"", "\"2026-01-02 03:04\"", "\"\"",
            "\"2026-01-02\"", "\"2026-01-02T24:00\"", "1"})
        void gives_up_on_date_times_it_does_not_read_as_jackson_does(String at) {
            String json = "{\"at\":" + at + ",\"time\":\"05:06\",\"ats\":[],\"opens\":null,\"times\":{}}";

            assertThat(PayloadJson.read(new JsonInput(utf8(json), 0), Shapes.Clock.class)).isNull();
        }

        @Test
        void reads_date_times_and_times_as_jackson_does() {
            assertThat(checkAgainstJackson(utf8("{\"at\":\"+12026-01-02T03:04\",\"time\":\"05:06:07.5\","
                    + "\"ats\":[\"2026-01-02T03:04:05.123456789\",\"-0001-12-31T23:59:59\"],\"opens\":\"00:00\","
                    + "\"times\":{\"a\":\"23:59:59.999\"}}"), Shapes.Clock.class)).isTrue();
            assertThat(PayloadJson.read(new JsonInput(utf8("{\"at\":\"2026-01-02T03:04\",\"time\":\"2026-01-02T05:06\","
                    + "\"ats\":[],\"opens\":null,\"times\":{}}"), 0), Shapes.Clock.class)).isNull();
        }

        @Test
        void gives_up_on_a_null_in_an_enum_set_and_on_an_unknown_constant() {
            assertThat(PayloadJson.read(new JsonInput(utf8("{\"colour\":\"RED\",\"many\":\"A0\",\"op\":\"ADD\","
                    + "\"colours\":[],\"set\":[null],\"manySet\":[],\"byName\":{}}"), 0), Shapes.Enums.class)).isNull();
            assertThat(PayloadJson.read(new JsonInput(utf8("{\"colour\":\"PINK\",\"many\":\"A0\",\"op\":\"ADD\","
                    + "\"colours\":[],\"set\":[],\"manySet\":[],\"byName\":{}}"), 0), Shapes.Enums.class)).isNull();
        }

        @Test
        void gives_up_when_the_constructor_throws_so_that_jackson_reports_it() {
            assertThat(PayloadJson.read(new JsonInput(utf8("{\"name\":\"a\",\"size\":-1}"), 0), Shapes.Validated.class))
                    .isNull();
            assertThat(PayloadJson.read(new JsonInput(utf8("{\"name\":\"a\",\"size\":1}"), 0), Shapes.Validated.class))
                    .isEqualTo(new Shapes.Validated("a", 1));
        }

        @Test
        void gives_up_on_nesting_deeper_than_its_limit() {
            String deep = "{\"name\":\"x\",\"children\":[],\"first\":null}";
            for (int i = 0; i < JsonOutput.MAX_DEPTH; i++) {
                deep = "{\"name\":\"x\",\"children\":[" + deep + "],\"first\":null}";
            }

            assertThat(PayloadJson.read(new JsonInput(utf8(deep), 0), Shapes.Tree.class)).isNull();
        }
    }

    @Nested
    class Writing {

        @Test
        void gives_up_on_lone_surrogates_which_jackson_writes_as_escapes() {
            for (String lone : List.of("\ud800", "x\udc00", "\ud800x", "\udc00\ud800", "\ud83d\ud83d")) {
                assertThat(fastWrite(new Shapes.One(lone))).as(lone).isNull();
            }
            assertThat(fastWrite(new Shapes.One("\ud83d\ude00"))).isNotNull();
        }

        @Test
        void gives_up_on_decimals_that_jackson_refuses_to_write_plainly() {
            assertThat(fastWrite(numbers(new BigDecimal(BigInteger.ONE, 10_000)))).isNull();
            assertThat(fastWrite(numbers(new BigDecimal(BigInteger.ONE, -10_000)))).isNull();
            assertThat(fastWrite(numbers(new BigDecimal(BigInteger.ONE, 9_999)))).isNotNull();
        }

        @Test
        void gives_up_on_collections_of_a_users_class_and_on_values_of_the_wrong_type() {
            List<String> own = new ArrayList<>() {
                private static final long serialVersionUID = 1L;
            };
            Map<String, Integer> nullKey = new HashMap<>();
            nullKey.put(null, 1);
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<String> polluted = (List) List.of(1);

            assertThat(fastWrite(collections(own, Map.of()))).isNull();
            assertThat(fastWrite(collections(List.of(), nullKey))).isNull();
            assertThat(fastWrite(collections(polluted, Map.of()))).isNull();
            assertThat(fastWrite(collections(Collections.unmodifiableList(new ArrayList<>(List.of("a"))), Map.of())))
                    .isNotNull();
        }

        private Numbers numbers(BigDecimal decimal) {
            return new Numbers(decimal, BigInteger.ONE, 1, 1, List.of());
        }

        private Shapes.Collections collections(List<String> strings, Map<String, Integer> counts) {
            return new Shapes.Collections(strings, Set.of(), counts, List.of(), Map.of(), Set.of(), Map.of(),
                    List.of());
        }

        @Test
        void gives_up_when_an_accessor_throws_so_that_jackson_reports_it() {
            assertThat(fastWrite(new Shapes.Throwing(-1))).isNull();
            assertThat(fastWrite(new Shapes.Throwing(1))).isEqualTo(utf8("{\"number\":1}"));
        }

        @Test
        void writes_every_character_as_jackson_does() {
            StringBuilder all = new StringBuilder();
            for (char c = 0; c < 0xD800; c++) {
                all.append(c);
            }
            for (char c = 0xE000; c != 0; c++) {
                all.append(c);
            }
            all.appendCodePoint(0x10000).appendCodePoint(0x10FFFF).appendCodePoint(0x1F600);
            Shapes.One value = new Shapes.One(all.toString());

            assertThat(fastWrite(value)).isEqualTo(JACKSON.writeValueAsBytes(value));
        }

        @Test
        void writes_random_doubles_and_floats_as_jackson_does_and_reads_them_back_to_the_bit() {
            SplittableRandom random = new SplittableRandom(7);
            RandomValues values = new RandomValues(7, true);
            for (int i = 0; i < 20_000; i++) {
                double d = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : values.aDouble();
                float f = i % 2 == 0 ? Float.intBitsToFloat(random.nextInt()) : values.aFloat();
                Numbers value = new Numbers(BigDecimal.ZERO, BigInteger.ZERO, d, f, List.of());
                byte[] written = fastWrite(value);

                assertThat(written).isEqualTo(JACKSON.writeValueAsBytes(value));
                assertThat(checkAgainstJackson(written, Numbers.class)).isTrue();
            }
        }
    }

    @Test
    void reads_numbers_written_by_hand_as_jackson_does() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            String number = randomNumberText(random);
            byte[] json = utf8("{\"decimal\":" + number + ",\"integer\":1,\"d\":" + number + ",\"f\":" + number
                    + ",\"decimals\":[" + number + "]}");
            checkAgainstJackson(json, Numbers.class);
        }
    }

    private static String randomNumberText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append('-');
        }
        int digits = random.nextInt(1, random.nextBoolean() ? 8 : 25);
        text.append(random.nextInt(1, 10));
        for (int i = 1; i < digits; i++) {
            text.append(random.nextInt(10));
        }
        if (random.nextBoolean()) {
            text.append('.');
            int fraction = random.nextInt(1, 20);
            for (int i = 0; i < fraction; i++) {
                text.append(random.nextInt(10));
            }
        }
        if (random.nextInt(3) == 0) {
            String sign = random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "";
            text.append(random.nextBoolean() ? 'e' : 'E').append(sign).append(random.nextInt(0, 40));
        }
        return text.toString();
    }

    @Test
    void an_optional_reads_json_null_as_empty_and_writes_empty_as_null() {
        Shapes.Optionals empty = new Shapes.Optionals(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        byte[] written = fastWrite(empty);

        assertThat(text(written)).isEqualTo(text(JACKSON.writeValueAsBytes(empty)))
                .isEqualTo("{\"s\":null,\"times\":null,\"list\":null,\"decimal\":null,\"colour\":null,\"number\":null}");
        assertThat(PayloadJson.read(new JsonInput(written, 0), Shapes.Optionals.class)).isEqualTo(empty);
    }

    @Test
    void dates_and_instants_beyond_four_digit_years_are_written_as_the_jdk_writes_them() {
        Shapes.Times times = new Shapes.Times(new UUID(0, 0), Instant.MAX, LocalDate.MIN, List.of(Instant.MIN),
                Set.of(LocalDate.of(10_000, 1, 1)));

        assertThat(fastWrite(times)).isEqualTo(JACKSON.writeValueAsBytes(times));
        assertThat(checkAgainstJackson(JACKSON.writeValueAsBytes(times), Shapes.Times.class)).isFalse();
    }

    @Test
    void an_enum_set_is_read_into_an_enum_set_as_jackson_does() {
        byte[] json = utf8("{\"colour\":\"RED\",\"many\":\"A11\",\"op\":\"SUB\",\"colours\":[\"BLUE\"],\"set\":[\"RED\","
                + "\"GREEN\"],\"manySet\":[\"A9\"],\"byName\":{\"x\":\"GREEN\",\"x\":\"BLUE\"}}");

        assertThat(checkAgainstJackson(json, Shapes.Enums.class)).isTrue();
        Shapes.Enums read = (Shapes.Enums) PayloadJson.read(new JsonInput(json, 0), Shapes.Enums.class);
        assertThat(read).isNotNull();
        assertThat(read.set()).isEqualTo(Set.of(Colour.RED, Colour.GREEN));
    }

    private static byte @Nullable [] fastWrite(Object value) {
        JsonOutput out = new JsonOutput(16);
        return PayloadJson.write(out, value) ? out.toByteArray() : null;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
