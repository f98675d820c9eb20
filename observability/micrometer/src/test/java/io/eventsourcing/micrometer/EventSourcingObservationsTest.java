package io.eventsourcing.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.application.ApplicationObserver;
import io.eventsourcing.application.ApplicationOperation;
import io.eventsourcing.application.RecordConflictException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The observations of applications on an SQLite file: names, key values, outcomes, and the meters made of them. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EventSourcingObservationsTest {
    @TempDir
    Path dir;

    private Map<String, String> sqlite() {
        return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", dir.resolve("tickets.db").toString());
    }

    @Test
    void a_save_is_observed_with_its_application_aggregate_type_events_and_outcome() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (var tickets = new Tickets(sqlite())) {
            EventSourcingObservations.observe(tickets, registry);

            UUID id = tickets.open("T-1");

            TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsEqualTo(1)
                    .hasObservationWithNameEqualTo("eventsourcing.save").that()
                    .hasContextualNameEqualTo("Tickets save")
                    .hasLowCardinalityKeyValue("application", "Tickets")
                    .hasLowCardinalityKeyValue("aggregate.type", "Ticket")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasHighCardinalityKeyValue("aggregate.ids", id.toString())
                    .hasHighCardinalityKeyValue("events", "1")
                    .hasBeenStarted().hasBeenStopped().doesNotHaveError();
        }
    }

    @Test
    void a_conflict_is_an_outcome_of_its_own_with_the_exception_as_the_error() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (var tickets = new Tickets(sqlite())) {
            tickets.open("T-1");
            EventSourcingObservations.observe(tickets, registry);

            assertThatThrownBy(() -> tickets.open("T-1")).isInstanceOf(RecordConflictException.class);

            TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                    .hasNameEqualTo("eventsourcing.save")
                    .hasLowCardinalityKeyValue("outcome", "conflict")
                    .hasBeenStopped()
                    .assertThatError().isInstanceOf(RecordConflictException.class);
        }
    }

    @Test
    void a_get_is_observed_found_or_not_found() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (var tickets = new Tickets(sqlite())) {
            UUID id = tickets.open("T-1");
            EventSourcingObservations.observe(tickets, registry);
            UUID unknown = UUID.randomUUID();

            tickets.repository().get(id);
            assertThatThrownBy(() -> tickets.repository().get(unknown)).isInstanceOf(AggregateNotFoundException.class);

            TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsWithNameEqualTo("eventsourcing.get", 2)
                    .hasAnObservation(observation -> observation.hasNameEqualTo("eventsourcing.get")
                            .hasLowCardinalityKeyValue("outcome", "success")
                            .hasHighCardinalityKeyValue("aggregate.id", id.toString())
                            .hasHighCardinalityKeyValue("aggregate.version", "current"))
                    .hasAnObservation(observation -> observation.hasNameEqualTo("eventsourcing.get")
                            .hasLowCardinalityKeyValue("outcome", "not_found")
                            .hasHighCardinalityKeyValue("aggregate.id", unknown.toString()));
        }
    }

    @Test
    void processing_an_event_is_observed_around_the_save_it_makes() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (var tickets = new Tickets(sqlite()); var audit = new Tickets.Audit(sqlite())) {
            tickets.open("T-1");
            audit.follow(tickets);
            EventSourcingObservations.observe(audit, registry);

            assertThat(audit.pullAndProcess("Tickets")).isEqualTo(1);

            TestObservationRegistryAssert.assertThat(registry)
                    .hasObservationWithNameEqualTo("eventsourcing.process").that()
                    .hasContextualNameEqualTo("Audit process Tickets")
                    .hasLowCardinalityKeyValue("application", "Audit")
                    .hasLowCardinalityKeyValue("leader", "Tickets")
                    .hasLowCardinalityKeyValue("event.type", "Opened")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasHighCardinalityKeyValue("notification.id", "1");
            TestObservationRegistryAssert.assertThat(registry)
                    .hasObservationWithNameEqualTo("eventsourcing.save").that()
                    .hasLowCardinalityKeyValue("aggregate.type", "Entry")
                    .hasParentObservationContextMatching(parent -> parent.getName().equals("eventsourcing.process"));
        }
    }

    @Test
    void the_meters_count_each_outcome_apart_under_the_same_tags() {
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        try (var tickets = new Tickets(sqlite())) {
            EventSourcingObservations.observe(tickets, registry);

            tickets.open("T-1");
            tickets.open("T-2");
            assertThatThrownBy(() -> tickets.open("T-1")).isInstanceOf(RecordConflictException.class);
            assertThatThrownBy(() -> tickets.repository().get(UUID.randomUUID()))
                    .isInstanceOf(AggregateNotFoundException.class);

            assertThat(timer(meters, "eventsourcing.save", "success").count()).isEqualTo(2);
            assertThat(timer(meters, "eventsourcing.save", "conflict").count()).isEqualTo(1);
            assertThat(timer(meters, "eventsourcing.get", "not_found").count()).isEqualTo(1);
            assertThat(meters.find("eventsourcing.save").timers()).extracting(t -> t.getId().getTags().stream()
                    .map(Tag::getKey).sorted().toList()).containsOnly(
                    List.of("aggregate.type", "application", "error", "outcome"));
            assertThat(meters.get("eventsourcing.save").tag("outcome", "conflict").timer().getId().getTag("error"))
                    .isEqualTo("RecordConflictException");
        }
    }

    @Test
    void a_registry_that_observes_nothing_costs_no_observation() {
        try (var tickets = new Tickets(sqlite())) {
            var observations = EventSourcingObservations.observe(tickets, ObservationRegistry.NOOP);

            assertThat(observations.started(new ApplicationOperation.Get(UUID.randomUUID(), null)))
                    .isSameAs(ApplicationObserver.NOTHING);
            assertThat(tickets.open("T-1")).isEqualTo(Tickets.Ticket.idOf("T-1"));
        }
    }

    private static Timer timer(MeterRegistry meters, String name, String outcome) {
        return meters.get(name).tag("application", "Tickets").tag("outcome", outcome).timer();
    }
}
