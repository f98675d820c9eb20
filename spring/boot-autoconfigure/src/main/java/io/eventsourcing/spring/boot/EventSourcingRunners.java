package io.eventsourcing.spring.boot;

import io.eventsourcing.system.ProjectionRunner;
import io.eventsourcing.system.Runner;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the context's {@link Runner} beans when the context starts, and stops them, and its
 * {@link ProjectionRunner} beans (which start when they are made), when it stops. It starts last and
 * stops first, after the web server has stopped taking requests. With Micrometer observations, a
 * runner's applications are observed from just after it has started.
 */
public final class EventSourcingRunners implements SmartLifecycle {
    private final ObjectProvider<Runner> runners;
    private final ObjectProvider<ProjectionRunner<?>> projectionRunners;
    private final ObjectProvider<ObservedApplications> observations;
    private volatile boolean running;

    EventSourcingRunners(ObjectProvider<Runner> runners, ObjectProvider<ProjectionRunner<?>> projectionRunners,
            ObjectProvider<ObservedApplications> observations) {
        this.runners = runners;
        this.projectionRunners = projectionRunners;
        this.observations = observations;
    }

    /** The context's runners. */
    List<Runner> runners() {
        return runners.orderedStream().toList();
    }

    /** The context's projection runners. */
    List<ProjectionRunner<?>> projectionRunners() {
        return projectionRunners.orderedStream().toList();
    }

    @Override
    public void start() {
        for (Runner runner : runners()) {
            if (!runner.isRunning()) {
                runner.start();
            }
            // The runner made its applications as it started; observed from now on.
            observations.ifAvailable(observed -> runner.system().nodes().forEach(node -> observed.observe(runner.get(node))));
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        for (ProjectionRunner<?> runner : projectionRunners()) {
            runner.stop();
        }
        for (Runner runner : runners()) {
            runner.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
