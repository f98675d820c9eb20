package io.eventsourcing.spring.boot;

import io.eventsourcing.application.Application;
import io.eventsourcing.system.ProjectionRunner;
import io.eventsourcing.system.Runner;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code eventsourcing} health component: up when every application bean can read its newest
 * notification id from the database and every runner is running without error. Its details give
 * each application's newest notification id and each follower's lag (notifications it has still to
 * process) by leader.
 */
public final class EventSourcingHealthIndicator extends AbstractHealthIndicator {
    private final ObjectProvider<Application> applications;
    private final EventSourcingRunners runners;

    EventSourcingHealthIndicator(ObjectProvider<Application> applications, EventSourcingRunners runners) {
        super("event-sourcing health check failed");
        this.applications = applications;
        this.runners = runners;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean up = true;
        Map<String, Object> notifications = new LinkedHashMap<>();
        for (Application application : applications.orderedStream().toList()) {
            try {
                notifications.put(application.name(), application.recorder().maxNotificationId());
            } catch (RuntimeException e) {
                up = false;
                notifications.put(application.name(), "unreachable: " + e.getMessage());
            }
        }
        Map<String, Object> followers = new LinkedHashMap<>();
        for (Runner runner : runners.runners()) {
            String state = runner.error() != null ? "failed: " + runner.error()
                    : runner.isRunning() ? "running" : "stopped";
            if (!"running".equals(state) && runners.isRunning()) {
                up = false;
            }
            try {
                for (FollowerLag lag : FollowerLag.of(runner)) {
                    followers.put(lag.follower() + "<-" + lag.leader(), Map.of("state", state, "lag", lag.lag()));
                }
            } catch (RuntimeException e) {
                up = false;
                followers.put(runner.system().followers().toString(), "unreachable: " + e.getMessage());
            }
        }
        for (ProjectionRunner<?> runner : runners.projectionRunners()) {
            String state = runner.error() != null ? "failed: " + runner.error() : "running";
            up &= runner.error() == null;
            try {
                FollowerLag lag = FollowerLag.of(runner);
                followers.put(lag.follower() + "<-" + lag.leader(), Map.of("state", state, "lag", lag.lag()));
            } catch (RuntimeException e) {
                up = false;
                followers.put(runner.projection().name(), "unreachable: " + e.getMessage());
            }
        }
        (up ? builder.up() : builder.down()).withDetail("notifications", notifications);
        if (!followers.isEmpty()) {
            builder.withDetail("followers", followers);
        }
    }
}
