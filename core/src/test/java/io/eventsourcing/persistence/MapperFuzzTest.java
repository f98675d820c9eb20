package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.EventVersion;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.domain.Snapshot;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.domain.Upcasters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A seeded fuzz test of reading stored records: for every codec (no compression, zlib, gzip; with and
 * without AES), valid records of several shapes (events of a few payload types, an upcast payload, an
 * aggregate's first event, snapshots) are changed at random: their bytes, their JSON (re-sealed with the
 * codec, so the change reaches the JSON reader under compression and encryption), and their topics.
 * Reading each through every entry point of the {@link Mapper} may succeed or fail, but may only ever fail
 * with a {@link DataException}. Each codec gets a bounded time ({@code -Dfuzz.seconds}, default 2 s) and
 * the seed is fixed ({@code -Dfuzz.seed} to try another); a failure prints the seed, the case and the
 * record, so it can be replayed.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MapperFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);
    private static final Duration BUDGET = Duration.ofMillis((long) (Double.parseDouble(
            System.getProperty("fuzz.seconds", "2")) * 1000));
    private static final byte[] KEY = new byte[32];

    enum Colour { RED, GREEN }

    record Address(String street, LocalDate since) {}

    /** An aggregate with events of many field types, and state for snapshots. */
    static final class Account extends Aggregate<Account.Event> {
        sealed interface Event permits Opened, Moved, Tagged, Renamed {}

        record Opened(String owner, BigDecimal balance, Instant at, Colour colour, Optional<String> note)
                implements Event {}

        record Moved(Address address, List<Address> history, Map<String, Integer> counts, long big, double ratio)
                implements Event {}

        record Tagged(Set<String> tags, UUID ref, int[] codes) implements Event {}

        /** At version 2: the field {@code name} was {@code title} at version 1. */
        @EventVersion(2)
        record Renamed(String name) implements Event {}

        String owner = "";
        BigDecimal balance = BigDecimal.ZERO;
        List<Address> addresses = new ArrayList<>();
        Map<String, Integer> counts = Map.of();

        static {
            Upcasters.register(Renamed.class, 1, state -> {
                JsonNode title = state.remove("title");
                state.set("name", title == null ? state.stringNode("") : title);
                return state;
            });
        }

        @Override
        protected void apply(Event event) {
            switch (event) {
                case Opened e -> owner = e.owner();
                case Moved e -> addresses.add(e.address());
                case Tagged e -> counts = Map.of("tags", e.tags().size());
                case Renamed e -> owner = e.name();
            }
        }

        static Account open() {
            Account account = create(Account::new, Ids.random(), new Opened("Ada", new BigDecimal("10.50"),
                    Instant.parse("2026-11-23T10:15:30.123Z"), Colour.RED, Optional.of("n")));
            account.trigger(new Moved(new Address("Main St", LocalDate.of(2001, 1, 1)),
                    List.of(new Address("Old St", LocalDate.of(1999, 12, 31))), Map.of("a", 1), Long.MAX_VALUE, 0.25));
            account.trigger(new Tagged(Set.of("x", "y"), UUID.randomUUID(), new int[] {1, 2, 3}));
            account.trigger(new Renamed("Ada L."));
            return account;
        }
    }

    /** Topics a changed row may carry: the application's own, others', and classes it must never read. */
    private static final List<String> TOPICS = List.of(Account.class.getName(), Account.Opened.class.getName(),
            Account.Moved.class.getName(), Account.Tagged.class.getName(), Account.Renamed.class.getName(),
            Account.Event.class.getName(), Address.class.getName(), Colour.class.getName(),
            Aggregate.class.getName(), io.eventsourcing.domain.Discarded.class.getName(), "java.util.HashMap",
            "java.lang.Runtime", "java.lang.ProcessBuilder", "javax.script.ScriptEngineManager",
            "java.net.URLClassLoader", "[B", "[Ljava.lang.String;", "int", "", " ", "com.example.Gone",
            "io.eventsourcing.persistence.MapperFuzzTest$Account$Nope", "a.b.c.D$", "..", "java.lang.Thread",
            "tools.jackson.databind.ObjectMapper", Mapper.class.getName(), "\u0000", "日本.語");

    static Stream<Arguments> codecs() {
        List<Arguments> codecs = new ArrayList<>();
        for (String compressor : new String[] {"none", "zlib", "gzip"}) {
            for (boolean encrypted : new boolean[] {false, true}) {
                codecs.add(Arguments.of(compressor, encrypted));
            }
        }
        return codecs.stream();
    }

    @ParameterizedTest(name = "compression {0}, encryption {1}")
    @MethodSource("codecs")
    void reading_a_changed_record_only_ever_fails_with_a_data_exception(String compression, boolean encrypted) {
        Compressor compressor = switch (compression) {
            case "zlib" -> new ZlibCompressor();
            case "gzip" -> new GzipCompressor();
            default -> null;
        };
        Cipher cipher = encrypted ? new AesCipher(KEY) : null;
        Mapper mapper = new Mapper(Transcoder.standard(), compressor, cipher, 1 << 20);
        List<StoredEvent> originals = originals(mapper);
        long codecSeed = SEED ^ (compression.hashCode() * 31L + (encrypted ? 1 : 0));
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int cases = 0;
        int refused = 0;
        for (int i = 0; System.nanoTime() < deadline; i++) {
            Random random = new Random(codecSeed + i);
            StoredEvent original = originals.get(random.nextInt(originals.size()));
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            StoredEvent changed = mutation.apply(original, random, compressor, cipher);
            for (Entry entry : Entry.values()) {
                cases++;
                try {
                    entry.read(mapper, changed);
                } catch (DataException expected) {
                    refused++;
                } catch (Throwable other) {
                    throw new AssertionError("seed " + SEED + ", codec " + compression + "/" + encrypted + ", case " + i
                            + ", mutation " + mutation + ", entry " + entry + ": " + other + "\nrecord: "
                            + describe(changed), other);
                }
            }
        }
        System.out.printf("fuzz (seed %d) compression %s, encryption %s: %d reads, %d refused with DataException%n",
                SEED, compression, encrypted, cases, refused);
        assertThat(cases).isGreaterThan(100);
        assertThat(refused).as("most changed records are refused").isGreaterThan(cases / 4);
    }

    /** The records a mutation starts from: an aggregate's events (the first names the aggregate) and a snapshot. */
    private static List<StoredEvent> originals(Mapper mapper) {
        Account account = Account.open();
        List<DomainEvent> events = account.collectEvents();
        List<StoredEvent> stored = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            stored.add(mapper.toStoredEvent(events.get(i), i == 0 ? Account.class : null));
        }
        Snapshot snapshot = mapper.takeSnapshot(account);
        stored.add(mapper.toStoredEvent(snapshot));
        for (StoredEvent record : stored) {
            readEverywhere(mapper, record); // the unchanged records are readable
        }
        return List.copyOf(stored);
    }

    private static void readEverywhere(Mapper mapper, StoredEvent record) {
        if (record.topic().equals(Account.class.getName())) {
            mapper.restore(mapper.toSnapshot(record));
        } else {
            mapper.toDomainEvent(record);
        }
    }

    /** The mapper's ways of reading a record. */
    enum Entry {
        EVENT {
            @Override
            void read(Mapper mapper, StoredEvent record) {
                mapper.toDomainEvent(record);
            }
        },
        AGGREGATE_TYPE {
            @Override
            void read(Mapper mapper, StoredEvent record) {
                mapper.aggregateTypeOf(record);
            }
        },
        SNAPSHOT {
            @Override
            void read(Mapper mapper, StoredEvent record) {
                mapper.restore(mapper.toSnapshot(record));
            }
        };

        abstract void read(Mapper mapper, StoredEvent record);
    }

    /** How a record is changed. */
    enum Mutation {
        /** Random bytes of the stored state flipped, removed, inserted or overwritten. */
        BYTES {
            @Override
            StoredEvent apply(StoredEvent record, Random random, @Nullable Compressor compressor, @Nullable Cipher cipher) {
                return withState(record, mutateBytes(record.state(), random));
            }
        },
        /** The stored state cut short or replaced by random bytes. */
        TRUNCATED_OR_RANDOM {
            @Override
            StoredEvent apply(StoredEvent record, Random random, @Nullable Compressor compressor, @Nullable Cipher cipher) {
                byte[] state = record.state();
                if (random.nextBoolean()) {
                    return withState(record, java.util.Arrays.copyOf(state, random.nextInt(state.length + 1)));
                }
                byte[] noise = new byte[random.nextInt(200)];
                random.nextBytes(noise);
                return withState(record, noise);
            }
        },
        /** Bytes of the JSON changed, then sealed again with the codec, so the JSON reader sees them. */
        JSON_BYTES {
            @Override
            StoredEvent apply(StoredEvent record, Random random, @Nullable Compressor compressor, @Nullable Cipher cipher) {
                return resealed(record, compressor, cipher, json -> mutateBytes(json, random));
            }
        },
        /** Values and fields of the JSON replaced by others of any JSON type, then sealed again. */
        JSON_VALUES {
            @Override
            StoredEvent apply(StoredEvent record, Random random, @Nullable Compressor compressor, @Nullable Cipher cipher) {
                return resealed(record, compressor, cipher, json -> mutateJson(
                        new String(json, StandardCharsets.UTF_8), random).getBytes(StandardCharsets.UTF_8));
            }
        },
        /** Another topic on the same state; for an aggregate's first event, maybe another aggregate topic in the JSON. */
        TOPIC {
            @Override
            StoredEvent apply(StoredEvent record, Random random, @Nullable Compressor compressor, @Nullable Cipher cipher) {
                String topic = TOPICS.get(random.nextInt(TOPICS.size()));
                StoredEvent moved = new StoredEvent(record.originatorId(), record.originatorVersion(), topic,
                        record.state());
                if (random.nextBoolean()) {
                    return moved; // an encrypted record no longer decrypts: it is bound to its topic
                }
                String other = TOPICS.get(random.nextInt(TOPICS.size()));
                return resealed(moved, compressor, cipher, json -> new String(json, StandardCharsets.UTF_8)
                        .replace(Account.class.getName(), other.replace("\\", "\\\\").replace("\"", "\\\""))
                        .getBytes(StandardCharsets.UTF_8));
            }
        },
        /** JSON of pathological shape: deep nesting, huge numbers, long strings, odd escapes. */
        JSON_SHAPES {
            @Override
            StoredEvent apply(StoredEvent record, Random random, @Nullable Compressor compressor, @Nullable Cipher cipher) {
                String[] shapes = {
                    "[".repeat(5000), "{\"payload\":" + "[".repeat(3000) + "]".repeat(3000) + "}",
                    "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"owner\":\"" + "x".repeat(100_000) + "\"}}",
                    "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"balance\":1e999999999},\"version\":1}",
                    "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{},\"version\":99999999999999999999}",
                    "{\"timestamp\":\"+999999999-12-31T23:59:59Z\",\"payload\":{}}",
                    "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"owner\":\"\\ud800\"}}",
                    "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{},\"version\":-1}",
                    "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"createdOn\":\"2026-11-23T10:15:30Z\",\"state\":"
                            + "{\"addresses\":{\"a\":1},\"owner\":[],\"balance\":\"NaN\"},\"version\":0}",
                    "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"codes\":[1,2,\"3\",null,1e400]}}",
                    "\u00ef\u00bb\u00bf{}", "null", "{}", "", "\"string\"", "{\"timestamp\":null,\"payload\":null}",
                };
                String shape = shapes[random.nextInt(shapes.length)];
                return resealed(record, compressor, cipher, json -> shape.getBytes(StandardCharsets.UTF_8));
            }
        };

        abstract StoredEvent apply(StoredEvent record, Random random, @Nullable Compressor compressor,
                @Nullable Cipher cipher);
    }

    private static StoredEvent withState(StoredEvent record, byte[] state) {
        return new StoredEvent(record.originatorId(), record.originatorVersion(), record.topic(), state);
    }

    /** The record's JSON changed by {@code change}, then compressed and encrypted (bound to the row) again. */
    private static StoredEvent resealed(StoredEvent record, @Nullable Compressor compressor, @Nullable Cipher cipher,
            Function<byte[], byte[]> change) {
        byte[] json = record.state();
        byte[] associated = Mapper.associatedData(record.originatorId(), record.originatorVersion(), record.topic());
        try {
            if (cipher != null) {
                json = cipher.decrypt(json, associated);
            }
            if (compressor != null) {
                json = compressor.decompress(json);
            }
        } catch (DataException e) {
            json = "{}".getBytes(StandardCharsets.UTF_8); // the topic moved an encrypted record: start from nothing
        }
        byte[] state = change.apply(json);
        if (compressor != null) {
            state = compressor.compress(state);
        }
        if (cipher != null) {
            state = cipher.encrypt(state, associated);
        }
        return withState(record, state);
    }

    private static byte[] mutateBytes(byte[] bytes, Random random) {
        byte[] result = bytes.clone();
        int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes && result.length > 0; c++) {
            int at = random.nextInt(result.length);
            switch (random.nextInt(4)) {
                case 0 -> result[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> result[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] shorter = new byte[result.length - 1];
                    System.arraycopy(result, 0, shorter, 0, at);
                    System.arraycopy(result, at + 1, shorter, at, result.length - at - 1);
                    result = shorter;
                }
                default -> {
                    byte[] longer = new byte[result.length + 1];
                    System.arraycopy(result, 0, longer, 0, at);
                    longer[at] = (byte) "{}[]\",:\\0123456789eE-+.tfnu\u0000".charAt(random.nextInt(28));
                    System.arraycopy(result, at, longer, at + 1, result.length - at);
                    result = longer;
                }
            }
        }
        return result;
    }

    private static final String[] VALUES = {"null", "true", "false", "0", "-1", "1.5", "1e309", "-9223372036854775809",
        "\"\"", "\"x\"", "\"2026-13-45T99:99:99Z\"", "[]", "[1,2]", "{}", "{\"a\":{}}", "\"\\u0000\"",
        "\"" + UUID.randomUUID() + "\"", "\"RED\"", "\"PURPLE\"", "99999999999999999999999"};

    /** Replaces a random JSON value (after a colon or in an array) by another, or drops or repeats a field. */
    private static String mutateJson(String json, Random random) {
        List<Integer> colons = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            if (json.charAt(i) == ':' || json.charAt(i) == '[' || json.charAt(i) == ',') {
                colons.add(i);
            }
        }
        if (colons.isEmpty()) {
            return json;
        }
        int at = colons.get(random.nextInt(colons.size())) + 1;
        int end = endOfValue(json, at);
        return switch (random.nextInt(3)) {
            case 0 -> json.substring(0, at) + VALUES[random.nextInt(VALUES.length)] + json.substring(end);
            case 1 -> json.substring(0, at) + json.substring(end); // the value dropped: invalid or missing
            default -> json.substring(0, end) + "," + "\"timestamp\":" + VALUES[random.nextInt(VALUES.length)]
                    + json.substring(end); // a repeated or stray field
        };
    }

    /** Where the JSON value starting at {@code start} ends (roughly; the mutation need not be exact). */
    private static int endOfValue(String json, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return json.length();
    }

    private static String describe(StoredEvent record) {
        return record.originatorId() + ":" + record.originatorVersion() + " topic=" + record.topic() + " state(base64)="
                + Base64.getEncoder().encodeToString(record.state());
    }

    static {
        Topics.of(Account.class); // the application writes this aggregate
    }
}
