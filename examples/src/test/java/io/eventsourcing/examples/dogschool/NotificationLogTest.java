package io.eventsourcing.examples.dogschool;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.application.NotificationLogReader;
import io.eventsourcing.application.Section;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NotificationLogTest {
    private final TrainingSchool school = new TrainingSchool(Map.of("PERSISTENCE_MODULE", "memory"));

    @AfterEach
    void close() {
        school.close();
    }

    @Test
    void the_log_holds_every_event_in_the_order_it_was_recorded() {
        // tag::notification-log[]
        school.register("Fido");
        school.addTrick("Fido", "roll over");
        school.addTrick("Fido", "play dead");

        NotificationLog log = school.notificationLog();
        List<Notification> selected = log.select(1, 10);              // ids 1, 2, 3
        Section section = log.section("1,2");                          // a page of the log, by id range
        Stream<Notification> rest = new NotificationLogReader(log).read(2);   // from id 2 to the end

        assertThat(selected).extracting(Notification::id).containsExactly(1L, 2L, 3L);
        assertThat(selected.get(0).topic()).isEqualTo("io.eventsourcing.examples.dogschool.Dog$Registered");
        assertThat(section.items()).hasSize(2);
        assertThat(section.nextId()).isEqualTo("3,4");
        assertThat(rest.map(Notification::id)).containsExactly(2L, 3L);

        DomainEvent last = school.mapper().toDomainEvent(selected.get(2).toStoredEvent());
        assertThat(last.payload()).isEqualTo(new Dog.TrickAdded("play dead"));
        // end::notification-log[]
    }

    @Test
    @Timeout(10)
    void a_subscription_yields_the_events_recorded_after_its_start() {
        school.register("Fido");
        // tag::subscription[]
        try (Subscription subscription = school.recorder().subscribe(1)) {   // after notification 1
            school.addTrick("Fido", "roll over");

            assertThat(subscription.hasNext()).isTrue();                    // blocks until one arrives
            Notification next = subscription.next();
            assertThat(next.id()).isEqualTo(2);
            assertThat(next.topic()).isEqualTo(Topics.of(Dog.TrickAdded.class));
        }
        // end::subscription[]
    }

    @Test
    @Timeout(10)
    void a_subscription_wakes_up_for_an_event_recorded_by_another_thread() throws InterruptedException {
        try (Subscription subscription = school.recorder().subscribe(0)) {
            Thread writer = Thread.ofVirtual().start(() -> school.register("Fido"));

            assertThat(subscription.hasNext()).isTrue();
            assertThat(subscription.next().originatorId()).isEqualTo(Dog.createId("Fido"));
            writer.join();
        }
    }

    @Test
    void the_log_can_be_filtered_by_topic() {
        school.register("Fido");
        school.register("Buster");
        school.addTrick("Fido", "roll over");

        List<Notification> tricks =
                school.notificationLog().select(1, 10, null, Set.of(Topics.of(Dog.TrickAdded.class)));

        assertThat(tricks).extracting(Notification::id).containsExactly(3L);
    }

    @Test
    void a_reader_that_keeps_its_position_reads_each_event_once() {
        NotificationLogReader reader = new NotificationLogReader(school.notificationLog());
        school.register("Fido");
        List<Notification> first = reader.read(1).toList();

        school.addTrick("Fido", "roll over");
        List<Notification> next = reader.read(first.getLast().id() + 1).toList();

        assertThat(first).extracting(Notification::id).containsExactly(1L);
        assertThat(next).extracting(Notification::id).containsExactly(2L);
    }

    @Test
    void a_reader_follows_sections_past_the_first() {
        for (int i = 0; i < 25; i++) {
            school.register("Dog " + i);
        }

        assertThat(new NotificationLogReader(school.notificationLog()).read(1))
                .hasSize(25)
                .extracting(Notification::id)
                .startsWith(1L, 2L)
                .endsWith(24L, 25L);
    }

    @Test
    void the_last_section_has_no_next_id_until_it_fills() {
        school.register("Fido");

        Section section = school.notificationLog().section("1,10");

        assertThat(section.id()).isEqualTo("1,1");
        assertThat(section.nextId()).isNull();
    }
}
