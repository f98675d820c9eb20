package io.eventsourcing.examples.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.application.RecordConflictException;
import io.eventsourcing.examples.dogschool.Dog;
import io.eventsourcing.examples.dogschool.TrainingSchool;
import io.eventsourcing.micrometer.EventSourcingObservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The README's observability example: an application observed without Spring, its observations made into timers. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ObservationsTest {
    @Test
    void saves_and_gets_are_timed_by_outcome() {
        MeterRegistry meters = new SimpleMeterRegistry();
        try (var school = new TrainingSchool(Map.of("PERSISTENCE_MODULE", "memory"))) {
            // tag::observations[]
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            EventSourcingObservations.observe(school, registry);

            school.register("Fido");
            assertThatThrownBy(() -> school.register("Fido")).isInstanceOf(RecordConflictException.class);
            assertThatThrownBy(() -> school.tricks("Rex")).isInstanceOf(AggregateNotFoundException.class);

            assertThat(meters.get("eventsourcing.save").tag("outcome", "success").timer().count()).isEqualTo(1);
            assertThat(meters.get("eventsourcing.save").tag("outcome", "conflict").timer().count()).isEqualTo(1);
            assertThat(meters.get("eventsourcing.get").tag("outcome", "not_found").timer().count()).isEqualTo(1);
            // end::observations[]
            assertThat(meters.get("eventsourcing.save").tag("outcome", "success").timer().getId()
                    .getTag("aggregate.type")).isEqualTo(Dog.class.getSimpleName());
        }
    }
}
