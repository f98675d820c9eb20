package io.eventsourcing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.InfrastructureFactoryException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.persistence.memory.InMemoryFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApplicationTest {

    static final class Note extends Aggregate<Note.Event> {
        sealed interface Event permits Written, Edited {}

        record Written(String text) implements Event {}

        record Edited(String text) implements Event {}

        String text = "";

        static Note write(String text) {
            return create(Note::new, Ids.random(), new Written(text));
        }

        void edit(String newText) {
            trigger(new Edited(newText));
        }

        @Override
        protected void apply(Event event) {
            switch (event) {
                case Written e -> text = e.text();
                case Edited e -> text = e.text();
            }
        }
    }

    static class Notes extends Application {
        Notes(Map<String, String> env) {
            super(env);
        }
    }

    @Test
    void the_name_is_the_class_simple_name_and_prefixes_its_variables() {
        try (Notes notes = new Notes(Map.of("PERSISTENCE_MODULE", "no-such-thing", "NOTES_PERSISTENCE_MODULE", "popo"))) {
            assertThat(notes.name()).isEqualTo("Notes");
            assertThat(notes.factory()).isInstanceOf(InMemoryFactory.class);
        }
    }

    @Test
    void an_unknown_persistence_module_fails_naming_the_variable_and_the_modules_found() {
        assertThatThrownBy(() -> new Notes(Map.of("PERSISTENCE_MODULE", "postgress")))
                .isInstanceOf(InfrastructureFactoryException.class)
                .hasMessageContaining("PERSISTENCE_MODULE 'postgress' is not one of: memory, popo");
    }

    @Test
    void a_bad_setting_fails_at_construction_naming_the_variable() {
        assertThatThrownBy(() -> new Notes(Map.of("AGGREGATE_CACHE_MAXSIZE", "lots")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AGGREGATE_CACHE_MAXSIZE 'lots'");
        assertThatThrownBy(() -> new Notes(Map.of("COMPRESSOR_TOPIC", "lzma")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("COMPRESSOR_TOPIC 'lzma' is not one of: zlib, gzip");
    }

    @Test
    void save_records_all_aggregates_atomically_and_returns_their_notification_ids() {
        try (Notes notes = new Notes(Map.of())) {
            assertThat(notes.save()).isEmpty();
            Note a = Note.write("a");
            Note b = Note.write("b");
            b.edit("b2");

            assertThat(notes.save(a)).extracting(Recording::notificationId).containsExactly(1L);
            assertThat(notes.save(b)).extracting(Recording::notificationId).containsExactly(2L, 3L);
            assertThat(a.pendingEvents()).isEmpty();
            assertThat(notes.repository().<Note>get(b.id()).text).isEqualTo("b2");
        }
    }

    @Test
    void a_conflicting_save_records_nothing_and_the_aggregates_keep_their_events() {
        try (Notes notes = new Notes(Map.of())) {
            Note note = Note.write("a");
            notes.save(note);
            Note first = notes.repository().get(note.id());
            Note second = notes.repository().get(note.id());
            Note other = Note.write("other");
            first.edit("first");
            second.edit("second");
            notes.save(first);

            assertThatThrownBy(() -> notes.save(other, second)).isInstanceOf(RecordConflictException.class)
                    .hasMessageContaining(note.id() + ":2");
            assertThat(other.pendingEvents()).hasSize(1);
            assertThat(second.pendingEvents()).hasSize(1);
            assertThat(notes.repository().contains(other.id())).isFalse();
            assertThat(notes.recorder().maxNotificationId()).isEqualTo(2);
        }
    }

    @Test
    void get_by_version_returns_the_aggregate_as_it_was() {
        try (Notes notes = new Notes(Map.of())) {
            Note note = Note.write("v1");
            note.edit("v2");
            note.edit("v3");
            notes.save(note);

            assertThat(notes.repository().<Note>get(note.id(), 2).text).isEqualTo("v2");
            assertThat(notes.repository().get(Note.class, note.id()).text).isEqualTo("v3");
            assertThatThrownBy(() -> notes.repository().get(note.id(), 0))
                    .isInstanceOf(AggregateNotFoundException.class);
        }
    }

    @Test
    void unknown_and_discarded_aggregates_are_not_found() {
        try (Notes notes = new Notes(Map.of())) {
            UUID unknown = UUID.randomUUID();
            Note note = Note.write("x");
            notes.save(note);
            note.discard();
            notes.save(note);

            assertThat(notes.repository().contains(unknown)).isFalse();
            assertThat(notes.repository().contains(note.id())).isFalse();
            assertThatThrownBy(() -> notes.repository().get(note.id())).isInstanceOf(AggregateNotFoundException.class)
                    .hasMessageContaining("discarded");
            assertThatThrownBy(() -> notes.repository().get(unknown)).isInstanceOf(AggregateNotFoundException.class)
                    .hasMessageContaining(unknown.toString());
        }
    }

    @Test
    void taking_a_snapshot_without_snapshotting_fails_saying_how_to_enable_it() {
        try (Notes notes = new Notes(Map.of())) {
            Note note = Note.write("x");
            notes.save(note);

            assertThat(notes.snapshots()).isEmpty();
            assertThatThrownBy(() -> notes.takeSnapshot(note.id())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("IS_SNAPSHOTTING_ENABLED=true");
        }
    }

    @Test
    void snapshots_are_used_when_loading_and_events_after_them_are_applied() {
        try (Notes notes = new Notes(Map.of("IS_SNAPSHOTTING_ENABLED", "yes"))) {
            Note note = Note.write("v1");
            note.edit("v2");
            notes.save(note);
            notes.takeSnapshot(note.id());
            Note loaded = notes.repository().get(note.id());
            loaded.edit("v3");
            notes.save(loaded);

            assertThat(notes.snapshots().orElseThrow().get(note.id())).singleElement()
                    .satisfies(s -> assertThat(s.originatorVersion()).isEqualTo(2));
            Note latest = notes.repository().get(note.id());
            assertThat(latest.text).isEqualTo("v3");
            assertThat(latest.version()).isEqualTo(3);
            assertThat(latest.createdOn()).isEqualTo(note.createdOn());
        }
    }

    @Test
    void the_notification_log_is_read_in_sections_with_next_ids() {
        try (Notes notes = new Notes(Map.of())) {
            for (int i = 0; i < 13; i++) {
                notes.save(Note.write("n" + i));
            }
            NotificationLog log = notes.notificationLog();

            Section first = log.section("1,10");
            Section second = log.section(first.nextId());

            assertThat(first.id()).isEqualTo("1,10");
            assertThat(first.items()).extracting(Notification::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(first.nextId()).isEqualTo("11,20");
            assertThat(second.id()).isEqualTo("11,13");
            assertThat(second.nextId()).isNull();
            assertThat(log.section("0,100").items()).hasSize(10);
            assertThat(log.section("14,20").id()).isNull();
            assertThatThrownBy(() -> log.section("1-10")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.select(1, 11)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void the_reader_follows_the_log_from_a_position_to_its_end() {
        try (Notes notes = new Notes(Map.of())) {
            for (int i = 0; i < 25; i++) {
                Note note = Note.write("n" + i);
                if (i % 5 == 0) {
                    note.edit("edited");
                }
                notes.save(note);
            }
            NotificationLogReader reader = new NotificationLogReader(notes.notificationLog());

            List<Long> ids = reader.read(3).map(Notification::id).toList();
            List<List<Notification>> edits = reader.select(1, null, java.util.Set.of(
                    io.eventsourcing.domain.Topics.of(Note.Edited.class))).toList();

            assertThat(ids).hasSize(28).first().isEqualTo(3L);
            assertThat(ids).isSorted().doesNotHaveDuplicates().last().isEqualTo(30L);
            assertThat(edits.stream().mapToInt(List::size).sum()).isEqualTo(5);
            assertThat(reader.select(1, 10L, java.util.Set.of()).flatMap(List::stream).map(Notification::id).toList())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        }
    }

    @Test
    void a_closed_application_refuses_to_save() {
        Notes notes = new Notes(Map.of());
        notes.close();
        notes.close();

        assertThatThrownBy(() -> notes.save(Note.write("late"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
