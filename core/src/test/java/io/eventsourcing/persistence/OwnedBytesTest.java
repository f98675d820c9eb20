package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.internal.PersistenceAccess;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Stored events and notifications stay immutable to everyone outside the library, while the library's
 * own code hands their bytes over and reads them without copies.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OwnedBytesTest {
    private final UUID id = UUID.randomUUID();

    @Test
    void the_public_constructors_and_accessors_still_copy() {
        byte[] bytes = {1, 2, 3};
        StoredEvent event = new StoredEvent(id, 1, "t", bytes);
        Notification notification = new Notification(7, id, 1, "t", bytes);

        bytes[0] = 9;
        event.state()[1] = 9;
        notification.state()[1] = 9;

        assertThat(event.state()).containsExactly(1, 2, 3);
        assertThat(notification.state()).containsExactly(1, 2, 3);
        assertThat(StoredEvent.sharedState(event)).isNotSameAs(bytes);
    }

    @Test
    void the_library_hands_an_array_over_without_a_copy_and_only_that_array() {
        byte[] handed = {1, 2, 3};
        PersistenceAccess access = PersistenceAccess.get();

        StoredEvent event = access.storedEvent(id, 1, "t", handed);
        Notification notification = access.notification(7, id, 1, "t", handed);
        byte[] other = {4, 5};
        StoredEvent afterwards = new StoredEvent(id, 2, "t", other);

        assertThat(StoredEvent.sharedState(event)).isSameAs(handed);
        assertThat(notification.state()).containsExactly(1, 2, 3);
        assertThat(StoredEvent.sharedState(notification.toStoredEvent())).isSameAs(handed);
        assertThat(StoredEvent.sharedState(afterwards)).isNotSameAs(other).containsExactly(4, 5);
    }

    @Test
    void a_notification_of_a_stored_event_shares_its_bytes_and_both_still_copy_out() {
        StoredEvent event = new StoredEvent(id, 1, "t", new byte[] {1, 2, 3});

        Notification notification = Notification.of(5, event);

        assertThat(StoredEvent.sharedState(notification.toStoredEvent())).isSameAs(StoredEvent.sharedState(event));
        assertThat(notification.toStoredEvent()).isEqualTo(event);
        assertThat(notification.state()).isNotSameAs(notification.state());
    }

    /** A compressor that only remembers the last array it returned. */
    static final class Remembering implements Compressor {
        byte[] last = {};

        @Override
        public byte[] compress(byte[] data) {
            last = data.clone();
            return last;
        }

        @Override
        public byte[] decompress(byte[] data) {
            return data;
        }
    }

    @Test
    void a_mapper_stores_the_bytes_it_sealed_without_copying_them() {
        Remembering compressor = new Remembering();
        Mapper mapper = new Mapper(Transcoder.standard(), compressor, null);
        DomainEvent domainEvent = new DomainEvent(id, 1, Instant.EPOCH, new MapperTest.Address("a", null));

        StoredEvent stored = mapper.toStoredEvent(domainEvent, null);

        assertThat(StoredEvent.sharedState(stored)).isSameAs(compressor.last);
        assertThat(mapper.toDomainEvent(stored)).isEqualTo(domainEvent);
    }

    /** A cipher that decrypts in place, overwriting its input. */
    public static final class InPlaceCipher implements Cipher {
        @Override
        public byte[] encrypt(byte[] plaintext) {
            byte[] sealed = plaintext.clone();
            for (int i = 0; i < sealed.length; i++) {
                sealed[i] ^= 0x5A;
            }
            return sealed;
        }

        @Override
        public byte[] decrypt(byte[] ciphertext) {
            for (int i = 0; i < ciphertext.length; i++) {
                ciphertext[i] ^= 0x5A;
            }
            return ciphertext;
        }
    }

    @Test
    void a_users_cipher_that_writes_into_its_input_cannot_change_a_stored_event() {
        Mapper mapper = new Mapper(Transcoder.standard(), null, new InPlaceCipher());
        DomainEvent domainEvent = new DomainEvent(id, 1, Instant.EPOCH, new MapperTest.Address("a", null));
        StoredEvent stored = mapper.toStoredEvent(domainEvent, null);
        byte[] before = stored.state();

        assertThat(mapper.toDomainEvent(stored)).isEqualTo(domainEvent);
        assertThat(mapper.toDomainEvent(stored)).isEqualTo(domainEvent);
        assertThat(stored.state()).isEqualTo(before);
        assertThat(new String(before, StandardCharsets.ISO_8859_1)).doesNotContain("timestamp");
    }
}
