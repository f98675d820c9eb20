package io.eventsourcing.examples.upcasting;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.Application;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.EventVersion;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.domain.Upcasters;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Upcasting: a club member's creation event changed shape twice after events were stored, and the
 * class moved. Old events are written here as the older code stored them, then read by today's code.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UpcastingTest {

    /** A club member, created by one event whose shape changed twice. */
    static class Member extends Aggregate<Member.Event> {
        sealed interface Event permits Joined {}

        // tag::upcasting-event[]
        // Version 1 stored {"name"}; version 2 added "email"; version 3 renamed "name" to "fullName".
        @EventVersion(3)
        public record Joined(String fullName, String email) implements Event {}
        // end::upcasting-event[]

        private String fullName = "";
        private String email = "";

        static UUID createId(String email) {
            return Ids.nameBased("/members/" + email);
        }

        static Member join(String fullName, String email) {
            return create(Member::new, createId(email), new Joined(fullName, email));
        }

        @Override
        protected void apply(Event event) {
            switch (event) {
                case Joined e -> {
                    fullName = e.fullName();
                    email = e.email();
                }
            }
        }
    }

    /** The application that reads members; it registers topics and upcasters when its class loads. */
    static class Members extends Application {
        // tag::upcasting-registration[]
        static {
            Topics.register("members.Member", Member.class);                // written from now on
            Topics.register("club.Member", Member.class);                   // the class's old name, still read
            Topics.register("members.Joined", Member.Joined.class);
            Topics.register("club.Member$Joined", Member.Joined.class);
            Upcasters.register(Member.Joined.class, 1, state -> state.put("email", ""));
            Upcasters.register(Member.Joined.class, 2, state -> {
                state.set("fullName", state.remove("name"));
                return state;
            });
        }
        // end::upcasting-registration[]

        Members() {
            super(Map.of("PERSISTENCE_MODULE", "memory"));
        }
    }

    private final Members members = new Members();

    @AfterEach
    void close() {
        members.close();
    }

    /** Records an event as an older version of the code stored it: uncompressed, unencrypted JSON. */
    private void storeOld(UUID id, String topic, String json) {
        members.recorder().insertEvents(List.of(new StoredEvent(id, 1, topic, json.getBytes(UTF_8))));
    }

    @Test
    void an_event_stored_at_version_1_under_an_old_topic_reads_back_as_the_current_record() {
        UUID id = Member.createId("ada@example.com");
        storeOld(id, "club.Member$Joined", """
                {"timestamp":"2019-05-01T12:00:00Z","payload":{"name":"Ada Lovelace"},"aggregate":"club.Member"}""");

        Member ada = members.repository().get(id);

        assertThat(ada.fullName).isEqualTo("Ada Lovelace");
        assertThat(ada.email).isEmpty();
        assertThat(ada.createdOn()).isEqualTo(Instant.parse("2019-05-01T12:00:00Z"));
        DomainEvent event = members.events().get(id).getFirst();
        assertThat(event.payload()).isEqualTo(new Member.Joined("Ada Lovelace", ""));
    }

    @Test
    void an_event_stored_at_version_2_is_upcast_by_the_remaining_step_only() {
        UUID id = Member.createId("bob@example.com");
        storeOld(id, "members.Joined", """
                {"timestamp":"2021-02-03T04:05:06Z","payload":{"name":"Bob","email":"bob@example.com"},\
                "version":2,"aggregate":"members.Member"}""");

        Member bob = members.repository().get(id);

        assertThat(bob.fullName).isEqualTo("Bob");
        assertThat(bob.email).isEqualTo("bob@example.com");
    }

    @Test
    void a_new_event_is_stored_at_the_current_version_under_its_registered_topic() {
        members.save(Member.join("Grace Hopper", "grace@example.com"));

        Notification stored = members.recorder().selectNotifications(1, 1).getFirst();
        JsonNode json = members.mapper().transcoder().decode(stored.state());

        assertThat(stored.topic()).isEqualTo("members.Joined");
        assertThat(json.get("version").asInt()).isEqualTo(3);
        assertThat(json.get("aggregate").asString()).isEqualTo("members.Member");
        assertThat(json.get("payload").get("fullName").asString()).isEqualTo("Grace Hopper");
        assertThat(members.repository().<Member>get(Member.createId("grace@example.com")).fullName)
                .isEqualTo("Grace Hopper");
    }

    @Test
    void an_event_stored_by_newer_code_is_refused_rather_than_misread() {
        UUID id = Member.createId("eve@example.com");
        storeOld(id, "members.Joined", """
                {"timestamp":"2030-01-01T00:00:00Z","payload":{"fullName":"Eve","email":"eve@example.com",\
                "phone":"555"},"version":4,"aggregate":"members.Member"}""");

        assertThatThrownBy(() -> members.repository().get(id))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("version 4")
                .hasMessageContaining("@EventVersion(3)");
    }

    @Test
    void the_current_version_is_read_from_the_annotation() {
        assertThat(Upcasters.currentVersion(Member.Joined.class)).isEqualTo(3);
        assertThat(Upcasters.find(Member.Joined.class, 1)).isNotNull();
        assertThat(Upcasters.find(Member.Joined.class, 2)).isNotNull();
        assertThat(Upcasters.find(Member.Joined.class, 3)).isNull();
    }
}
