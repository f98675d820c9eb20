package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.EventVersion;
import io.eventsourcing.domain.Snapshot;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.domain.Upcasters;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * A payload record and an aggregate that have each changed shape three times. Version 1 had only a
 * name; version 2 added a level (default 1); version 3 renamed name to title; version 4 added tags.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UpcastingTest {

    @EventVersion(4)
    record Created(String title, int level, java.util.List<String> tags) {}

    @EventVersion(4)
    static final class Thing extends Aggregate<Created> {
        String title = "";
        int level;
        java.util.List<String> tags = java.util.List.of();

        @Override
        protected void apply(Created event) {
            title = event.title();
            level = event.level();
            tags = event.tags();
        }
    }

    @BeforeAll
    static void registerUpcasters() {
        for (Class<?> type : new Class<?>[] {Created.class, Thing.class}) {
            Upcasters.register(type, 1, state -> state.put("level", 1));
            Upcasters.register(type, 2, state -> {
                state.set("title", state.remove("name"));
                return state;
            });
            Upcasters.register(type, 3, state -> {
                state.putArray("tags");
                return state;
            });
        }
    }

    private final UUID id = UUID.randomUUID();
    private final Transcoder transcoder = Transcoder.standard();

    private ObjectNode stateAt(int version) {
        ObjectNode state = transcoder.objectNode();
        state.put(version >= 3 ? "title" : "name", "widget");
        if (version >= 2) {
            state.put("level", 7);
        }
        return state;
    }

    private static int expectedLevel(int version) {
        return version == 1 ? 1 : 7;
    }

    @ParameterizedTest(name = "an event stored at version {0} reads back as version 4")
    @ValueSource(ints = {1, 2, 3})
    void events_stored_at_old_versions_read_back_as_the_current_record(int version) {
        ObjectNode envelope = transcoder.objectNode();
        envelope.put("timestamp", "2020-01-01T00:00:00Z");
        envelope.set("payload", stateAt(version));
        if (version > 1) {
            envelope.put("version", version);
        }
        StoredEvent stored = new StoredEvent(id, 1, Topics.of(Created.class), transcoder.encode(envelope));

        DomainEvent event = Mapper.standard().toDomainEvent(stored);

        assertThat(event.payload()).isEqualTo(new Created("widget", expectedLevel(version), java.util.List.of()));
    }

    @ParameterizedTest(name = "a snapshot stored at version {0} restores as version 4")
    @ValueSource(ints = {1, 2, 3})
    void snapshots_stored_at_old_versions_restore_as_the_current_aggregate(int version) {
        Snapshot old = new Snapshot(id, 5, Instant.parse("2020-01-02T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z"),
                Topics.of(Thing.class), version, stateAt(version));
        Mapper mapper = Mapper.standard();

        Thing thing = (Thing) mapper.restore(mapper.toSnapshot(mapper.toStoredEvent(old)));

        assertThat(thing.id()).isEqualTo(id);
        assertThat(thing.version()).isEqualTo(5);
        assertThat(thing.title).isEqualTo("widget");
        assertThat(thing.level).isEqualTo(expectedLevel(version));
        assertThat(thing.tags).isEmpty();
        assertThat(thing.createdOn()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "current events (version {0}) are written with their version")
    @ValueSource(ints = {4})
    void current_events_are_written_at_the_current_version_and_need_no_upcasting(int version) {
        Mapper mapper = Mapper.standard();
        DomainEvent event = new DomainEvent(id, 1, Instant.now(), new Created("t", 2, java.util.List.of("a")));

        StoredEvent stored = mapper.toStoredEvent(event, null);

        assertThat(new String(stored.state(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"version\":" + version);
        assertThat(mapper.toDomainEvent(stored)).isEqualTo(event);
    }

    @ParameterizedTest(name = "a missing upcaster from version {0} is named in the error")
    @ValueSource(ints = {1})
    void an_old_event_without_a_registered_upcaster_fails_naming_the_missing_step(int version) {
        record Lonely(String title) {}
        ObjectNode envelope = transcoder.objectNode();
        envelope.put("timestamp", "2020-01-01T00:00:00Z");
        envelope.set("payload", transcoder.objectNode().put("title", "x"));
        StoredEvent stored = new StoredEvent(id, 1, Topics.of(LonelyV2.class), transcoder.encode(envelope));

        assertThatThrownBy(() -> Mapper.standard().toDomainEvent(stored)).isInstanceOf(DataException.class)
                .hasMessageContaining("no upcaster is registered from version " + version);
        assertThat(new Lonely("unused").title()).isEqualTo("unused");
    }

    @EventVersion(2)
    record LonelyV2(String title) {}
}
