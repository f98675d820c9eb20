package io.eventsourcing.spring.boot;

import io.eventsourcing.application.Application;
import io.eventsourcing.application.ApplicationObserver;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.ProjectionRunner;
import io.eventsourcing.system.Runner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Micrometer meters of the context's application beans, tagged {@code application}:
 * {@code eventsourcing.save} (timer: each save that recorded events), {@code eventsourcing.events.saved}
 * (counter), {@code eventsourcing.load} (timer: each aggregate reconstructed from the store), and
 * {@code eventsourcing.follower.lag} (gauge, tagged {@code follower} and {@code leader}: how far a
 * runner's process application or a projection is behind, as {@code FollowerLag} counts it: 0 when
 * nothing it follows is waiting). When the applications are observed with Micrometer observations
 * (an {@code ObservationRegistry} and {@code eventsourcing-micrometer}), {@code eventsourcing.save} is
 * the observations' timer, tagged with the outcome too, and {@code eventsourcing.get} and
 * {@code eventsourcing.process} are timed as well.
 */
public final class EventSourcingMetrics implements MeterBinder {
    private final ObjectProvider<Application> applications;
    private final EventSourcingRunners runners;
    private final ObjectProvider<ObservedApplications> observations;

    EventSourcingMetrics(ObjectProvider<Application> applications, EventSourcingRunners runners,
            ObjectProvider<ObservedApplications> observations) {
        this.applications = applications;
        this.runners = runners;
        this.observations = observations;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // With observations, eventsourcing.save is their timer (tagged with the outcome too): not made twice.
        ObservedApplications observed = observations.getIfAvailable();
        boolean saveTimer = observed == null || !observed.active();
        for (Application application : applications.orderedStream().toList()) {
            application.addObserver(new Meters(registry, application.name(), saveTimer));
        }
        for (Runner runner : runners.runners()) {
            for (EventSourcingSystem.Edge edge : runner.system().edges()) {
                // The classes' names: the applications' own names are known only once the runner has started.
                String follower = edge.follower().getSimpleName();
                String leader = edge.leader().getSimpleName();
                lagGauge(registry, follower, leader, runner,
                        r -> r.isRunning() ? FollowerLag.of(r, edge).lag() : Double.NaN);
            }
        }
        for (ProjectionRunner<?> runner : runners.projectionRunners()) {
            lagGauge(registry, runner.projection().name(), runner.application().name(), runner,
                    r -> FollowerLag.of(r).lag());
        }
    }

    private static <R> void lagGauge(MeterRegistry registry, String follower, String leader, R runner,
            ToDoubleFunction<R> lag) {
        Gauge.builder("eventsourcing.follower.lag", runner, r -> {
                    try {
                        return lag.applyAsDouble(r);
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("notifications the follower has still to process from the leader")
                .tag("follower", follower).tag("leader", leader)
                .register(registry);
    }

    /** The meters of one application. */
    private static final class Meters implements ApplicationObserver {
        private final @Nullable Timer save;
        private final Counter saved;
        private final Timer load;

        Meters(MeterRegistry registry, String application, boolean saveTimer) {
            this.save = !saveTimer ? null : Timer.builder("eventsourcing.save").description("saves that recorded events")
                    .tag("application", application).register(registry);
            this.saved = Counter.builder("eventsourcing.events.saved").description("events recorded")
                    .tag("application", application).register(registry);
            this.load = Timer.builder("eventsourcing.load").description("aggregates reconstructed from the store")
                    .tag("application", application).register(registry);
        }

        @Override
        public void saved(List<Recording> recordings, Duration took) {
            if (save != null) {
                save.record(took);
            }
            saved.increment(recordings.size());
        }

        @Override
        public void loaded(Aggregate<?> aggregate, Duration took) {
            load.record(took);
        }
    }
}
