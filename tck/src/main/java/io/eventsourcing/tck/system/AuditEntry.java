package io.eventsourcing.tck.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;

/**
 * A note that {@link Auditor} saw an upstream event.
 *
 * <p>Not thread-safe, as every aggregate.
 */
public final class AuditEntry extends Aggregate<AuditEntry.Event> {

    /** What can happen to an audit entry. */
    public sealed interface Event permits Noted {}

    /**
     * An upstream event was seen.
     *
     * @param application the upstream application's name
     * @param notificationId the event's notification id there
     * @param type the simple name of the event's payload class
     */
    public record Noted(String application, long notificationId, String type) implements Event {}

    private String line = "";

    private AuditEntry() {}

    /** A new entry with a random id, not yet saved. */
    public static AuditEntry note(String application, long notificationId, String type) {
        requireNonNull(application, "application");
        requireNonNull(type, "type");
        return create(AuditEntry::new, Ids.random(), new Noted(application, notificationId, type));
    }

    /** The entry as one line: {@code "BankAccounts 3 Opened"}. */
    public String line() {
        return line;
    }

    /** The line of a {@link Noted} event: application, notification id and type, separated by spaces. */
    public static String line(Noted noted) {
        return noted.application() + " " + noted.notificationId() + " " + noted.type();
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Noted e -> line = line(e);
        }
    }
}
