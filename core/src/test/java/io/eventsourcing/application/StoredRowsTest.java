package io.eventsourcing.application;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.ApplicationTest.Note;
import io.eventsourcing.application.ApplicationTest.Notes;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.persistence.AesCipher;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Stored rows are data that anyone with access to the database may have changed: a row that does not
 * fit fails with a {@link DataException} naming it, never with another exception or a wrong aggregate.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StoredRowsTest {

    static final class Bin extends Aggregate<Bin.Event> {
        sealed interface Event permits Emptied {}

        record Emptied() implements Event {}

        @Override
        protected void apply(Event event) {}
    }

    private static final byte[] JSON = "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void a_row_whose_topic_names_a_class_the_application_does_not_read_fails_naming_the_row() {
        try (Notes notes = new Notes(Map.of())) {
            Note note = Note.write("first");
            notes.save(note);
            UUID id = note.id();
            notes.recorder().insertEvents(List.of(new StoredEvent(id, 2, "java.util.HashMap", JSON)));

            assertThatThrownBy(() -> notes.repository().get(id))
                    .isInstanceOf(DataException.class)
                    .hasMessageStartingWith("cannot read event " + id + ":2 (topic java.util.HashMap): topic "
                            + "'java.util.HashMap' names java.util.HashMap, which is not an event or aggregate type");
        }
    }

    @Test
    void a_row_whose_topic_names_another_aggregates_event_fails_naming_the_row() {
        try (Notes notes = new Notes(Map.of())) {
            Note note = Note.write("first");
            notes.save(note);
            UUID id = note.id();
            notes.recorder().insertEvents(List.of(new StoredEvent(id, 2, Topics.of(Bin.Emptied.class), JSON)));

            assertThatThrownBy(() -> notes.repository().get(id))
                    .isInstanceOf(DataException.class)
                    .hasMessage("cannot apply event " + id + ":2 (" + Bin.Emptied.class.getName() + ") to "
                            + Note.class.getName() + ": its events are " + Note.Event.class.getName());
        }
    }

    @Test
    void a_first_row_whose_aggregate_topic_is_not_an_aggregate_fails_naming_the_row() {
        try (Notes notes = new Notes(Map.of())) {
            UUID id = Ids.random();
            byte[] state = "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"text\":\"x\"},\"aggregate\":\"java.lang.Thread\"}"
                    .getBytes(StandardCharsets.UTF_8);
            notes.recorder().insertEvents(List.of(new StoredEvent(id, 1, Topics.of(Note.Written.class), state)));

            assertThatThrownBy(() -> notes.repository().get(id))
                    .isInstanceOf(DataException.class)
                    .hasMessageStartingWith("cannot read creation event " + id + ":1")
                    .hasMessageContaining("'java.lang.Thread' names java.lang.Thread, which is not an event or aggregate");
        }
    }

    @Nested
    class An_encrypted_record {
        private final Map<String, String> env = Map.of("COMPRESSOR_TOPIC", "zlib", "CIPHER_KEY",
                AesCipher.createKey(32));

        @Test
        void moved_to_another_aggregates_row_fails_to_decrypt() {
            try (Notes notes = new Notes(env)) {
                Note first = Note.write("first");
                Note second = Note.write("second");
                first.edit("edited");
                notes.save(first, second);
                StoredEvent edited = notes.recorder().selectEvents(first.id(), 1L, null, false, null).getFirst();

                notes.recorder().insertEvents(List.of(new StoredEvent(second.id(), 2, edited.topic(), edited.state())));

                assertThatThrownBy(() -> notes.repository().get(second.id())).isInstanceOf(DataException.class)
                        .hasMessageStartingWith("cannot read event " + second.id() + ":2")
                        .hasMessageContaining("does not belong to this row");
            }
        }

        @Test
        void moved_to_another_version_fails_to_decrypt() {
            try (Notes notes = new Notes(env)) {
                Note note = Note.write("first");
                note.edit("edited");
                notes.save(note);
                StoredEvent edited = notes.recorder().selectEvents(note.id(), 1L, null, false, null).getFirst();

                notes.recorder().insertEvents(List.of(new StoredEvent(note.id(), 3, edited.topic(), edited.state())));

                assertThatThrownBy(() -> notes.repository().get(note.id())).isInstanceOf(DataException.class)
                        .hasMessageStartingWith("cannot read event " + note.id() + ":3");
            }
        }

        @Test
        void given_another_topic_fails_to_decrypt() {
            try (Notes notes = new Notes(env)) {
                Note note = Note.write("first");
                note.edit("edited");
                notes.save(note);
                UUID other = Ids.random();
                StoredEvent edited = notes.recorder().selectEvents(note.id(), 1L, null, false, null).getFirst();
                StoredEvent created = notes.recorder().selectEvents(note.id(), null, 1L, false, null).getFirst();
                notes.recorder().insertEvents(List.of(new StoredEvent(other, 1, created.topic(), created.state())));

                assertThatThrownBy(() -> notes.mapper().toDomainEvent(new StoredEvent(note.id(), 2,
                        Topics.of(Note.Written.class), edited.state())))
                        .isInstanceOf(DataException.class).hasMessageContaining("does not belong to this row");
                assertThatThrownBy(() -> notes.repository().get(other)).isInstanceOf(DataException.class);
            }
        }

        @Test
        void written_before_records_were_bound_is_still_read() {
            try (Notes notes = new Notes(env)) {
                Note note = Note.write("first");
                notes.save(note);
                Mapper mapper = notes.mapper();
                byte[] json = ("{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"text\":\"edited before\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] unbound = requireNonNull(mapper.cipher()).encrypt(requireNonNull(mapper.compressor()).compress(json));
                notes.recorder().insertEvents(List.of(new StoredEvent(note.id(), 2, Topics.of(Note.Edited.class),
                        unbound)));

                assertThat(notes.repository().<Note>get(note.id()).text).isEqualTo("edited before");
            }
        }
    }

    @Test
    void a_compressed_row_that_expands_beyond_the_limit_fails_naming_the_row() {
        try (Notes notes = new Notes(Map.of("COMPRESSOR_TOPIC", "gzip", "COMPRESSOR_MAX_SIZE", "1M"))) {
            Note note = Note.write("first");
            notes.save(note);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
                gzip.write(new byte[8 << 20]);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            notes.recorder().insertEvents(List.of(new StoredEvent(note.id(), 2, Topics.of(Note.Edited.class),
                    bytes.toByteArray())));

            assertThatThrownBy(() -> notes.repository().get(note.id())).isInstanceOf(DataException.class)
                    .hasMessageStartingWith("cannot read event " + note.id() + ":2")
                    .hasMessageContaining("expands to more than 1048576 bytes, the limit set by COMPRESSOR_MAX_SIZE");
        }
    }
}
