package io.eventsourcing.tck.system;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import java.util.List;
import java.util.Map;

/**
 * Follows any applications, every event type, and records one {@link AuditEntry} per upstream event
 * it processes, naming the upstream application and notification id. Used as a second follower of
 * one leader, and as a follower of two leaders.
 *
 * <p>Thread-safe, as every process application.
 */
public class Auditor extends ProcessApplication {
    private static final int MAX_READ = 10_000;

    /** Configured by {@code env} over the process environment; runners construct it with this. */
    public Auditor(Map<String, String> env) {
        super(env);
    }

    @Override
    protected void policy(DomainEvent event, ProcessingEvent processing) {
        Tracking upstream = processing.tracking();
        processing.collect(AuditEntry.note(upstream.applicationName(), upstream.notificationId(),
                event.payload().getClass().getSimpleName()));
    }

    /** The entries recorded so far, in the order recorded, each as {@code "BankAccounts 3 Opened"}. */
    public List<String> entries() {
        return recorder().selectNotifications(1, MAX_READ).stream()
                .map(n -> AuditEntry.line((AuditEntry.Noted) mapper().toDomainEvent(n.toStoredEvent()).payload()))
                .toList();
    }
}
