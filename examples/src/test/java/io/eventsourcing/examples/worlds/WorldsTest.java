package io.eventsourcing.examples.worlds;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.application.SnapshotStore;
import io.eventsourcing.domain.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WorldsTest {
    private final Worlds worlds = new Worlds(Map.of("PERSISTENCE_MODULE", "memory"));

    @AfterEach
    void close() {
        worlds.close();
    }

    private SnapshotStore snapshots() {
        return worlds.snapshots().orElseThrow();
    }

    @Test
    void a_world_remembers_what_was_made_so_in_order() {
        UUID id = worlds.createWorld("Earth");
        worlds.makeItSo(id, "dinosaurs");
        worlds.makeItSo(id, "trucks");

        World earth = worlds.repository().get(id);
        assertThat(earth.name()).isEqualTo("Earth");
        assertThat(earth.history()).containsExactly("dinosaurs", "trucks");
        assertThat(earth.version()).isEqualTo(3);
    }

    @Test
    void worlds_have_random_ids() {
        assertThat(worlds.createWorld("Earth")).isNotEqualTo(worlds.createWorld("Earth"));
    }

    @Test
    void a_snapshot_is_used_and_the_events_after_it_are_applied() {
        // tag::snapshot[]
        UUID id = worlds.createWorld("Earth");
        worlds.makeItSo(id, "dinosaurs");
        worlds.makeItSo(id, "trucks");
        worlds.takeSnapshot(id);                      // of version 3
        worlds.makeItSo(id, "internet");              // version 4, recorded after the snapshot

        assertThat(worlds.history(id)).containsExactly("dinosaurs", "trucks", "internet");
        assertThat(worlds.snapshots().orElseThrow().get(id))
                .extracting(Snapshot::originatorVersion)
                .containsExactly(3L);
        // end::snapshot[]
    }

    @Test
    void a_world_loaded_from_its_snapshot_equals_the_world_replayed_from_its_events() {
        UUID id = worlds.createWorld("Earth");
        worlds.makeItSo(id, "dinosaurs");
        worlds.makeItSo(id, "trucks");
        World replayed = worlds.repository().get(id);

        worlds.takeSnapshot(id);
        World restored = worlds.repository().get(id);

        assertThat(restored).isNotSameAs(replayed);
        assertThat(restored.id()).isEqualTo(replayed.id());
        assertThat(restored.version()).isEqualTo(replayed.version());
        assertThat(restored.name()).isEqualTo(replayed.name());
        assertThat(restored.history()).isEqualTo(replayed.history());
        assertThat(restored.createdOn()).isEqualTo(replayed.createdOn());
        assertThat(restored.modifiedOn()).isEqualTo(replayed.modifiedOn());
    }

    @Test
    void the_repository_starts_from_the_latest_snapshot_and_applies_only_later_events() {
        UUID id = worlds.createWorld("Earth");
        worlds.makeItSo(id, "dinosaurs");
        // A snapshot whose history differs from the events shows which one the repository used.
        Snapshot honest = worlds.mapper().takeSnapshot(worlds.repository().get(id));
        ObjectNode state = honest.state();
        state.putArray("history").add("only in the snapshot");
        snapshots().put(new Snapshot(honest.originatorId(), honest.originatorVersion(), honest.timestamp(),
                honest.createdOn(), honest.topic(), honest.stateVersion(), state));

        worlds.makeItSo(id, "trucks");

        assertThat(worlds.history(id)).containsExactly("only in the snapshot", "trucks");
        assertThat(worlds.repository().<World>get(id, 1).history()).isEmpty();
    }

    @Test
    void an_older_version_is_rebuilt_from_events_not_from_a_later_snapshot() {
        UUID id = worlds.createWorld("Earth");
        worlds.makeItSo(id, "dinosaurs");
        worlds.makeItSo(id, "trucks");
        worlds.takeSnapshot(id);

        World then = worlds.repository().get(id, 2);

        assertThat(then.version()).isEqualTo(2);
        assertThat(then.history()).containsExactly("dinosaurs");
    }

    @Test
    void a_snapshot_can_be_taken_of_an_older_version() {
        UUID id = worlds.createWorld("Earth");
        worlds.makeItSo(id, "dinosaurs");
        worlds.makeItSo(id, "trucks");

        worlds.takeSnapshot(id, 2);

        assertThat(snapshots().get(id)).extracting(Snapshot::originatorVersion).containsExactly(2L);
        assertThat(worlds.history(id)).containsExactly("dinosaurs", "trucks");
    }

    @Test
    void a_snapshot_is_taken_automatically_every_five_versions() {
        UUID id = worlds.createWorld("Earth");
        for (String what : List.of("dinosaurs", "trucks", "internet", "robots")) {
            worlds.makeItSo(id, what);
        }
        assertThat(snapshots().get(id)).extracting(Snapshot::originatorVersion).containsExactly(5L);

        for (String what : List.of("rockets", "mars", "oceans", "forests", "cities")) {
            worlds.makeItSo(id, what);
        }
        assertThat(snapshots().get(id)).extracting(Snapshot::originatorVersion).containsExactly(5L, 10L);
        assertThat(worlds.history(id)).hasSize(9).endsWith("cities");
    }

    @Test
    void snapshotting_can_be_switched_off_by_the_environment() {
        try (var plain = new Worlds(Map.of("PERSISTENCE_MODULE", "memory", "WORLDS_IS_SNAPSHOTTING_ENABLED", "no"))) {
            UUID id = plain.createWorld("Earth");
            for (int i = 0; i < 5; i++) {
                plain.makeItSo(id, "thing " + i);
            }

            assertThat(plain.snapshots()).isEmpty();
            assertThat(plain.history(id)).hasSize(5);
        }
    }
}
