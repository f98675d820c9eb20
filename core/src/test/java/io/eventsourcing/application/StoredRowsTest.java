package io.eventsourcing.application;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.ApplicationTest.Note;
import io.eventsourcing.application.ApplicationTest.Notes;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
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
}
