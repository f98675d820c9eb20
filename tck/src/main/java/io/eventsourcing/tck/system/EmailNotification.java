package io.eventsourcing.tck.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;

/**
 * An email to be sent, the aggregate {@link EmailProcess} creates for every account opened.
 *
 * <p>Not thread-safe, as every aggregate.
 */
public final class EmailNotification extends Aggregate<EmailNotification.Event> {

    /** What can happen to an email. */
    public sealed interface Event permits Created {}

    /**
     * The email was written.
     *
     * @param to the recipient's address
     * @param subject the subject line
     * @param message the body
     */
    public record Created(String to, String subject, String message) implements Event {}

    private String to = "";
    private String subject = "";
    private String message = "";

    private EmailNotification() {}

    /**
     * A new email with a random id, not yet saved.
     *
     * @throws IllegalArgumentException if {@code to} is not an email address (has no {@code @})
     */
    public static EmailNotification create(String to, String subject, String message) {
        requireNonNull(to, "to");
        requireNonNull(subject, "subject");
        requireNonNull(message, "message");
        if (!to.contains("@")) {
            throw new IllegalArgumentException("cannot send an email to '" + to + "': it is not an email address");
        }
        return create(EmailNotification::new, Ids.random(), new Created(to, subject, message));
    }

    /** The recipient's address. */
    public String to() {
        return to;
    }

    /** The subject line. */
    public String subject() {
        return subject;
    }

    /** The body. */
    public String message() {
        return message;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Created e -> {
                to = e.to();
                subject = e.subject();
                message = e.message();
            }
        }
    }
}
