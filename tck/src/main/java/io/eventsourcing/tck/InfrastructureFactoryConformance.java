package io.eventsourcing.tck;

import static io.eventsourcing.tck.StoredEvents.TOPIC1;
import static io.eventsourcing.tck.StoredEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.AesCipher;
import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.GzipCompressor;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.InfrastructureFactoryException;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.ZlibCompressor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of a backend's {@link InfrastructureFactory}: {@code InfrastructureFactory.construct}
 * finds it from {@code PERSISTENCE_MODULE} (its short name or its class name) and from the alias
 * {@code INFRASTRUCTURE_FACTORY}; its mapper compresses ({@code COMPRESSOR_TOPIC}) and encrypts
 * ({@code CIPHER_TOPIC}, {@code CIPHER_KEY}) as configured, reading each application's own prefixed
 * settings; a bad value fails naming the variable; and each recorder method returns a working recorder
 * of its role. Ported from pyeventsourcing's {@code InfrastructureFactoryTestCase}.
 *
 * <p>A backend runs it by giving its settings and its factory class:
 *
 * <pre>{@code
 * class SqliteInfrastructureFactoryTest extends InfrastructureFactoryConformance {
 *     @Override protected Map<String, String> env() {
 *         return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", ":memory:");
 *     }
 *     @Override protected Class<? extends InfrastructureFactory> expectedFactoryClass() { return SqliteFactory.class; }
 * }
 * }</pre>
 *
 * The settings are read through {@link Environment#isolated}, never from the process environment.
 * Every factory a test makes is closed after it. The recorders made are used with fresh ids and
 * names, and notification ids are checked relative to the largest one found, so a store that outlives
 * its factory (a database) need not be emptied between these tests.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class InfrastructureFactoryConformance {
    private static final String APP = "TestApp";
    private static final UUID SAMPLE_ID = UUID.fromString("1d2b6d1a-5a8d-4b39-9a6e-0c1f5bd4f9a1");
    private static final Instant SAMPLE_TIME = Instant.parse("2026-01-02T03:04:05.123456Z");

    private final List<InfrastructureFactory> factories = new ArrayList<>();

    /** For subclasses. */
    protected InfrastructureFactoryConformance() {}

    /** The backend's settings, including {@code PERSISTENCE_MODULE}, with no compressor or cipher. */
    protected abstract Map<String, String> env();

    /** The class of the factory that {@link #env()} selects. */
    protected abstract Class<? extends InfrastructureFactory> expectedFactoryClass();

    /** A factory for the named application from the backend's settings with some added or replaced. */
    protected final InfrastructureFactory factory(String applicationName, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(env());
        env.putAll(more);
        InfrastructureFactory factory = InfrastructureFactory.construct(Environment.isolated(applicationName, env));
        factories.add(factory);
        return factory;
    }

    /** A factory from the backend's settings with some added or replaced. */
    protected final InfrastructureFactory factory(Map<String, String> more) {
        return factory(APP, more);
    }

    @AfterEach
    final void closeFactories() {
        for (InfrastructureFactory factory : factories.reversed()) {
            factory.close();
        }
        factories.clear();
    }

    /** Finding the backend. */
    @Nested
    class Constructing {

        @Test
        void constructs_the_factory_named_by_persistence_module() {
            InfrastructureFactory factory = factory(Map.of());

            assertThat(factory).isExactlyInstanceOf(expectedFactoryClass());
            assertThat(factory.environment().name()).isEqualTo(APP);
        }

        @Test
        void constructs_the_factory_named_by_its_class_name() {
            InfrastructureFactory factory =
                    factory(Map.of(InfrastructureFactory.PERSISTENCE_MODULE, expectedFactoryClass().getName()));

            assertThat(factory).isExactlyInstanceOf(expectedFactoryClass());
        }

        @Test
        void constructs_the_factory_named_by_the_infrastructure_factory_alias() {
            Map<String, String> env = new HashMap<>(env());
            env.remove(InfrastructureFactory.PERSISTENCE_MODULE);
            env.put(InfrastructureFactory.INFRASTRUCTURE_FACTORY, expectedFactoryClass().getName());

            InfrastructureFactory factory = InfrastructureFactory.construct(Environment.isolated(APP, env));
            factories.add(factory);

            assertThat(factory).isExactlyInstanceOf(expectedFactoryClass());
        }

        @Test
        void rejects_an_unknown_persistence_module_naming_the_variable_and_the_modules_found() {
            Map<String, String> env = new HashMap<>(env());
            env.put(InfrastructureFactory.PERSISTENCE_MODULE, "no-such-backend");

            assertThatThrownBy(() -> InfrastructureFactory.construct(Environment.isolated(APP, env)))
                    .isInstanceOf(InfrastructureFactoryException.class)
                    .hasMessageContaining(InfrastructureFactory.PERSISTENCE_MODULE)
                    .hasMessageContaining("no-such-backend")
                    .hasMessageContaining(InfrastructureFactory.DEFAULT_MODULE);
        }

        @Test
        void lists_this_backend_among_the_modules_found() {
            Map<String, String> env = new HashMap<>(env());
            env.put(InfrastructureFactory.PERSISTENCE_MODULE, "no-such-backend");
            String module = env().getOrDefault(InfrastructureFactory.PERSISTENCE_MODULE,
                    InfrastructureFactory.DEFAULT_MODULE);
            String shortName = module.contains(".") ? InfrastructureFactory.DEFAULT_MODULE : module;

            assertThatThrownBy(() -> InfrastructureFactory.construct(Environment.isolated(APP, env)))
                    .isInstanceOf(InfrastructureFactoryException.class)
                    .hasMessageContaining(shortName);
        }

        @Test
        void an_application_prefixed_persistence_module_wins_and_is_named_when_wrong() {
            Map<String, String> env = new HashMap<>(env());
            env.put("APP1_" + InfrastructureFactory.PERSISTENCE_MODULE, "no-such-backend");

            assertThatThrownBy(() -> InfrastructureFactory.construct(Environment.isolated("App1", env)))
                    .isInstanceOf(InfrastructureFactoryException.class)
                    .hasMessageContaining("APP1_" + InfrastructureFactory.PERSISTENCE_MODULE);
            InfrastructureFactory other = factory("App2", Map.of("APP1_" + InfrastructureFactory.PERSISTENCE_MODULE,
                    "no-such-backend"));
            assertThat(other).isExactlyInstanceOf(expectedFactoryClass());
        }

        @Test
        void reads_whether_snapshotting_is_enabled() {
            assertThat(factory(Map.of()).isSnapshottingEnabled()).isFalse();
            assertThat(factory(Map.of(InfrastructureFactory.IS_SNAPSHOTTING_ENABLED, "true")).isSnapshottingEnabled())
                    .isTrue();
            assertThat(factory(Map.of(InfrastructureFactory.IS_SNAPSHOTTING_ENABLED, "no")).isSnapshottingEnabled())
                    .isFalse();
            assertThatThrownBy(() -> factory(Map.of(InfrastructureFactory.IS_SNAPSHOTTING_ENABLED, "maybe"))
                    .isSnapshottingEnabled())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(InfrastructureFactory.IS_SNAPSHOTTING_ENABLED);
        }
    }

    /** The mapper's compressor and cipher. */
    @Nested
    class Mapping {

        @Test
        void a_plain_mapper_neither_compresses_nor_encrypts() {
            Mapper mapper = factory(Map.of()).mapper();

            assertThat(mapper.compressor()).isNull();
            assertThat(mapper.cipher()).isNull();
            StoredEvent stored = mapper.toStoredEvent(sample(), null);
            assertThat(new String(stored.state(), StandardCharsets.UTF_8)).contains("a fairly memorable note");
            assertThat(mapper.toDomainEvent(stored)).isEqualTo(sample());
        }

        @Test
        void compresses_with_zlib_by_its_short_name() {
            Mapper mapper = factory(Map.of(InfrastructureFactory.COMPRESSOR_TOPIC, "zlib")).mapper();

            assertThat(mapper.compressor()).isInstanceOf(ZlibCompressor.class);
            assertThat(mapper.cipher()).isNull();
            StoredEvent stored = mapper.toStoredEvent(sample(), null);
            assertThat(stored.state()[0]).as("zlib header").isEqualTo((byte) 0x78);
            assertThat(mapper.toDomainEvent(stored)).isEqualTo(sample());
        }

        @Test
        void compresses_with_gzip_by_its_short_name() {
            Mapper mapper = factory(Map.of(InfrastructureFactory.COMPRESSOR_TOPIC, "gzip")).mapper();

            assertThat(mapper.compressor()).isInstanceOf(GzipCompressor.class);
            StoredEvent stored = mapper.toStoredEvent(sample(), null);
            assertThat(stored.state()).as("gzip magic number").startsWith((byte) 0x1f, (byte) 0x8b);
            assertThat(mapper.toDomainEvent(stored)).isEqualTo(sample());
        }

        @Test
        void compresses_with_a_compressor_named_by_its_class_name() {
            Mapper mapper = factory(Map.of(InfrastructureFactory.COMPRESSOR_TOPIC, ZlibCompressor.class.getName()))
                    .mapper();

            assertThat(mapper.compressor()).isInstanceOf(ZlibCompressor.class);
            assertThat(mapper.toDomainEvent(mapper.toStoredEvent(sample(), null))).isEqualTo(sample());
        }

        @Test
        void rejects_an_unknown_compressor_naming_the_variable() {
            assertThatThrownBy(() -> factory(Map.of(InfrastructureFactory.COMPRESSOR_TOPIC, "lz-nothing")).mapper())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(InfrastructureFactory.COMPRESSOR_TOPIC)
                    .hasMessageContaining("lz-nothing");
        }

        @Test
        void encrypts_with_aes_when_only_a_cipher_key_is_given() {
            Mapper mapper = factory(Map.of(InfrastructureFactory.CIPHER_KEY, AesCipher.createKey(32))).mapper();

            assertThat(mapper.cipher()).isInstanceOf(AesCipher.class);
            assertThat(mapper.compressor()).isNull();
            StoredEvent stored = mapper.toStoredEvent(sample(), null);
            assertThat(new String(stored.state(), StandardCharsets.ISO_8859_1)).doesNotContain("memorable");
            assertThat(mapper.toDomainEvent(stored)).isEqualTo(sample());
        }

        @Test
        void encrypts_with_the_cipher_named_by_cipher_topic() {
            Mapper mapper = factory(Map.of(InfrastructureFactory.CIPHER_TOPIC, "aes", InfrastructureFactory.CIPHER_KEY,
                    AesCipher.createKey(16))).mapper();

            assertThat(mapper.cipher()).isInstanceOf(AesCipher.class);
            assertThat(mapper.toDomainEvent(mapper.toStoredEvent(sample(), null))).isEqualTo(sample());
        }

        @Test
        void rejects_a_cipher_topic_without_a_cipher_key_naming_the_key_variable() {
            assertThatThrownBy(() -> factory(Map.of(InfrastructureFactory.CIPHER_TOPIC, "aes")).mapper())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(InfrastructureFactory.CIPHER_KEY);
        }

        @Test
        void rejects_a_cipher_key_of_the_wrong_size_naming_the_variable() {
            String tenBytes = Base64.getEncoder().encodeToString(new byte[10]);

            assertThatThrownBy(() -> factory(Map.of(InfrastructureFactory.CIPHER_KEY, tenBytes)).mapper())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(InfrastructureFactory.CIPHER_KEY);
        }

        @Test
        void compresses_then_encrypts_when_both_are_configured() {
            Mapper mapper = factory(Map.of(InfrastructureFactory.COMPRESSOR_TOPIC, "zlib",
                    InfrastructureFactory.CIPHER_KEY, AesCipher.createKey(24))).mapper();

            assertThat(mapper.compressor()).isInstanceOf(ZlibCompressor.class);
            assertThat(mapper.cipher()).isInstanceOf(AesCipher.class);
            StoredEvent stored = mapper.toStoredEvent(sample(), null);
            assertThat(mapper.toDomainEvent(stored)).isEqualTo(sample());
            byte[] decrypted = mapper.cipher().decrypt(stored.state(),
                    Mapper.associatedData(stored.originatorId(), stored.originatorVersion(), stored.topic()));
            assertThat(decrypted[0]).as("zlib header under the encryption").isEqualTo((byte) 0x78);
        }

        @Test
        void each_application_reads_its_own_cipher_key() {
            Map<String, String> keys = Map.of("APP1_" + InfrastructureFactory.CIPHER_KEY, AesCipher.createKey(32),
                    "APP2_" + InfrastructureFactory.CIPHER_KEY, AesCipher.createKey(32));
            Mapper app1 = factory("App1", keys).mapper();
            Mapper app2 = factory("App2", keys).mapper();
            StoredEvent written = app1.toStoredEvent(sample(), null);

            assertThat(app1.toDomainEvent(written)).isEqualTo(sample());
            assertThatThrownBy(() -> app2.toDomainEvent(written)).isInstanceOf(DataException.class);
        }

        @Test
        void a_tampered_record_fails_to_decrypt() {
            Mapper mapper = factory(Map.of(InfrastructureFactory.CIPHER_KEY, AesCipher.createKey(32))).mapper();
            StoredEvent stored = mapper.toStoredEvent(sample(), null);
            byte[] state = stored.state();
            state[state.length - 1] ^= 1;
            StoredEvent tampered = new StoredEvent(stored.originatorId(), stored.originatorVersion(), stored.topic(),
                    state);

            assertThatThrownBy(() -> mapper.toDomainEvent(tampered)).isInstanceOf(DataException.class);
        }
    }

    /** The recorders a factory makes, each used once. */
    @Nested
    class Recorders {

        @Test
        void makes_aggregate_recorders_for_events_and_for_snapshots() {
            InfrastructureFactory factory = factory(Map.of());
            AggregateRecorder events = factory.aggregateRecorder("events");
            AggregateRecorder snapshots = factory.aggregateRecorder("snapshots");
            UUID id = UUID.randomUUID();

            events.insertEvents(List.of(event(id, 1, TOPIC1)));
            snapshots.insertEvents(List.of(event(id, 1, TOPIC1), event(id, 2, TOPIC1)));

            assertThat(events.selectEvents(id)).containsExactly(event(id, 1, TOPIC1));
            assertThat(snapshots.selectEvents(id, null, null, true, 1)).containsExactly(event(id, 2, TOPIC1));
        }

        @Test
        void makes_an_application_recorder_that_gives_notification_ids() {
            ApplicationRecorder recorder = factory(Map.of()).applicationRecorder();
            UUID id = UUID.randomUUID();
            long before = recorder.maxNotificationId();

            assertThat(recorder.insertEvents(List.of(event(id, 1, TOPIC1), event(id, 2, TOPIC1))))
                    .containsExactly(before + 1, before + 2);
            assertThat(recorder.maxNotificationId()).isEqualTo(before + 2);
            assertThat(recorder.selectNotifications(before + 1, 10)).extracting(Notification::originatorId)
                    .containsExactly(id, id);
        }

        @Test
        void makes_a_tracking_recorder_that_keeps_marks() {
            TrackingRecorder recorder = factory(Map.of()).trackingRecorder();
            String upstream = uniqueUpstreamName();

            recorder.insertTracking(new Tracking(upstream, 3));

            assertThat(recorder.maxTrackingId(upstream)).isEqualTo(3);
            assertThatThrownBy(() -> recorder.insertTracking(new Tracking(upstream, 3)))
                    .isInstanceOf(IntegrityException.class);
        }

        @Test
        void makes_a_process_recorder_that_records_events_with_tracking() {
            ProcessRecorder recorder = factory(Map.of()).processRecorder();
            UUID id = UUID.randomUUID();
            String upstream = uniqueUpstreamName();
            long before = recorder.maxNotificationId();

            assertThat(recorder.insertEvents(List.of(event(id, 1, TOPIC1)), new Tracking(upstream, 1)))
                    .containsExactly(before + 1);

            assertThat(recorder.maxTrackingId(upstream)).isEqualTo(1);
            assertThat(recorder.maxNotificationId()).isEqualTo(before + 1);
            assertThat(recorder.selectEvents(id)).containsExactly(event(id, 1, TOPIC1));
        }
    }

    private static String uniqueUpstreamName() {
        return "upstream_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A domain event whose payload is long enough for compression to shrink it. */
    private static DomainEvent sample() {
        return new DomainEvent(SAMPLE_ID, 3, SAMPLE_TIME, new Noted("a fairly memorable note ".repeat(8),
                new BigDecimal("12.50")));
    }

    /**
     * The payload the mapper tests write and read.
     *
     * @param text some text
     * @param amount an amount whose scale must survive
     */
    record Noted(String text, BigDecimal amount) {}
}
