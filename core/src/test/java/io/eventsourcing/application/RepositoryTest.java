package io.eventsourcing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.ApplicationTest.Note;
import io.eventsourcing.application.ApplicationTest.Notes;
import io.eventsourcing.persistence.Cipher;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RepositoryTest {

    /** A cipher that changes nothing and counts the events it decrypts, to count how often one is read. */
    public static final class CountingCipher implements Cipher {
        static final AtomicInteger DECRYPTED = new AtomicInteger();

        public CountingCipher(Environment environment) {}

        @Override
        public byte[] encrypt(byte[] plaintext) {
            return plaintext.clone();
        }

        @Override
        public byte[] decrypt(byte[] ciphertext) {
            DECRYPTED.incrementAndGet();
            return ciphertext.clone();
        }
    }

    @Test
    void loading_an_aggregate_reads_each_stored_event_once_its_first_one_too() {
        try (Notes notes = new Notes(Map.of("CIPHER_TOPIC", CountingCipher.class.getName()))) {
            Note note = Note.write("a");
            note.edit("b");
            note.edit("c");
            notes.save(note);
            CountingCipher.DECRYPTED.set(0);

            Note loaded = notes.repository().get(note.id());

            assertThat(loaded.text).isEqualTo("c");
            assertThat(loaded.version()).isEqualTo(3);
            assertThat(CountingCipher.DECRYPTED).hasValue(3);
        }
    }

    @Test
    void a_first_event_that_names_no_aggregate_fails_saying_so() {
        try (Notes notes = new Notes(Map.of())) {
            Note note = Note.write("a");
            notes.save(note);
            StoredEvent first = notes.recorder().selectEvents(note.id(), null, null, false, null).getFirst();
            String json = new String(first.state(), StandardCharsets.UTF_8)
                    .replaceFirst(",\"aggregate\":\"[^\"]*\"", "");
            try (Notes other = new Notes(Map.of())) {
                other.recorder().insertEvents(List.of(new StoredEvent(first.originatorId(), 1, first.topic(),
                        json.getBytes(StandardCharsets.UTF_8))));

                assertThatThrownBy(() -> other.repository().get(note.id())).isInstanceOf(DataException.class)
                        .hasMessageContaining("cannot read creation event " + note.id() + ":1")
                        .hasMessageContaining("does not name the aggregate class");
            }
        }
    }
}
