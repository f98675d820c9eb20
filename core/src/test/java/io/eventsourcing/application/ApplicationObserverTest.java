package io.eventsourcing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.ApplicationTest.Note;
import io.eventsourcing.application.ApplicationTest.Notes;
import io.eventsourcing.persistence.Recording;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Observers are told when saves and gets start and how they end, on the thread that does them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ApplicationObserverTest {
    private static final Map<String, String> MEMORY = Map.of("PERSISTENCE_MODULE", "memory");

    /** Writes down each start and end, with the thread. */
    static final class Journal implements ApplicationObserver {
        final List<String> entries = new CopyOnWriteArrayList<>();

        @Override
        public Ending started(ApplicationOperation operation) {
            Thread thread = Thread.currentThread();
            entries.add("start " + describe(operation));
            return failure -> {
                assertThat(Thread.currentThread()).isSameAs(thread);
                entries.add("end " + (failure == null ? "ok" : failure.getClass().getSimpleName()));
            };
        }

        private static String describe(ApplicationOperation operation) {
            return switch (operation) {
                case ApplicationOperation.Save save -> "save " + save.aggregateTypes().stream()
                        .map(Class::getSimpleName).toList() + " " + save.events() + " events";
                case ApplicationOperation.Get get -> "get " + (get.version() == null ? "current" : "v" + get.version());
                case ApplicationOperation.Process process -> "process " + process.leader();
            };
        }

        @Override
        public void saved(List<Recording> recordings, Duration took) {
            entries.add("saved " + recordings.size());
        }
    }

    @Test
    void a_save_and_a_get_start_and_end_around_their_work() {
        try (var notes = new Notes(MEMORY)) {
            var journal = new Journal();
            notes.addObserver(journal);
            Note note = Note.write("v1");
            note.edit("v2");

            notes.save(note);
            notes.repository().get(note.id());
            notes.repository().get(note.id(), 1);

            assertThat(journal.entries).containsExactly("start save [Note] 2 events", "saved 2", "end ok",
                    "start get current", "end ok", "start get v1", "end ok");
        }
    }

    @Test
    void a_conflict_and_a_missing_aggregate_end_with_their_exceptions() {
        try (var notes = new Notes(MEMORY)) {
            Note note = Note.write("v1");
            notes.save(note);
            Note first = notes.repository().get(note.id());
            Note second = notes.repository().get(note.id());
            first.edit("a");
            notes.save(first);
            var journal = new Journal();
            notes.addObserver(journal);
            second.edit("b");

            assertThatThrownBy(() -> notes.save(second)).isInstanceOf(RecordConflictException.class);
            assertThatThrownBy(() -> notes.repository().get(UUID.randomUUID()))
                    .isInstanceOf(AggregateNotFoundException.class);
            assertThatThrownBy(() -> notes.repository().get(note.id(), 0))
                    .isInstanceOf(AggregateNotFoundException.class);

            assertThat(journal.entries).containsExactly("start save [Note] 1 events", "end RecordConflictException",
                    "start get current", "end AggregateNotFoundException",
                    "start get v0", "end AggregateNotFoundException");
        }
    }

    @Test
    void observers_end_in_the_reverse_order_of_their_starts_and_a_removed_one_is_not_told() {
        try (var notes = new Notes(MEMORY)) {
            List<String> order = new CopyOnWriteArrayList<>();
            ApplicationObserver outer = named("outer", order);
            ApplicationObserver inner = named("inner", order);
            notes.addObserver(outer);
            notes.addObserver(inner);

            notes.save(Note.write("x"));
            notes.removeObserver(inner);
            notes.save(Note.write("y"));

            assertThat(order).containsExactly("outer start", "inner start", "inner end", "outer end",
                    "outer start", "outer end");
        }
    }

    private static ApplicationObserver named(String name, List<String> order) {
        return new ApplicationObserver() {
            @Override
            public Ending started(ApplicationOperation operation) {
                order.add(name + " start");
                return (@Nullable Throwable failure) -> order.add(name + " end");
            }
        };
    }
}
