package io.eventsourcing.messaging;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.Notification;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One event of a leader's notification log as it travels through a broker: the notification (id,
 * originator id and version, topic, state), the leader's name, the lane it travels in and the id of the
 * event sent before it in that lane. The broker modules carry the {@link #headers()} as message headers
 * (RabbitMQ), message attributes (SQS) or record headers (Kafka), and the {@link #body()} as the payload.
 *
 * <p>A lane is one ordered stream: a queue, a FIFO message group, a partition. Each event's lane is
 * {@link Lanes#of(UUID, int) fixed by its originator id}, so one aggregate's events stay in order; with
 * one lane every event is in order. {@code previousId} is the notification id of the event the same
 * publisher sent before this one in the same lane since it (re)connected, or 0 for its first: a
 * republisher that has not processed {@code previousId} knows the broker lost that event and drops this
 * one, which the publisher sends again after the lost one (it never recorded the lost one as sent).
 *
 * @param leader the leader application's name
 * @param lane the lane, from 0
 * @param lanes how many lanes the publisher sends to
 * @param previousId the id of the event sent before it in the lane in this publishing session, or 0
 * @param body what the body holds
 * @param notification the event, with the state as the body holds it
 */
public record RelayedEvent(String leader, int lane, int lanes, long previousId, Body body,
        Notification notification) {
    /** Header: the leader application's name. */
    public static final String LEADER = "es-leader";
    /** Header: the notification id in the leader's log. */
    public static final String NOTIFICATION_ID = "es-notification-id";
    /** Header: the aggregate id. */
    public static final String ORIGINATOR_ID = "es-originator-id";
    /** Header: the event's version within its aggregate. */
    public static final String ORIGINATOR_VERSION = "es-originator-version";
    /** Header: the payload's topic. */
    public static final String TOPIC = "es-topic";
    /** Header: {@code leader:notificationId}, the same for every copy of one event. */
    public static final String DEDUPLICATION_ID = "es-deduplication-id";
    /** Header: the lane, from 0. */
    public static final String LANE = "es-lane";
    /** Header: how many lanes. */
    public static final String LANES = "es-lanes";
    /** Header: the id of the event sent before it in its lane, or 0. */
    public static final String PREVIOUS_ID = "es-previous-id";
    /** Header: {@code stored} or {@code json}. */
    public static final String BODY = "es-body";

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the leader is blank, the lane is not in {@code [0, lanes)} or
     *     {@code previousId} is not below the notification id
     */
    public RelayedEvent {
        requireNonNull(leader, "leader");
        requireNonNull(body, "body");
        requireNonNull(notification, "notification");
        if (leader.isBlank()) {
            throw new IllegalArgumentException("leader must not be blank");
        }
        if (lanes < 1 || lane < 0 || lane >= lanes) {
            throw new IllegalArgumentException("lane " + lane + " is not in [0, " + lanes + ")");
        }
        if (previousId < 0 || previousId >= notification.id()) {
            throw new IllegalArgumentException("previousId " + previousId + " must be in [0, " + notification.id()
                    + ") for " + leader + " notification " + notification.id());
        }
    }

    /** The de-duplication id: {@code leader:notificationId}, the same for every copy of the event. */
    public String deduplicationId() {
        return leader + ":" + notification.id();
    }

    /**
     * The name under which a follower records its position for this event's lane: the leader's name
     * with one lane, so a follower can switch between the broker and the leader's own log; {@code
     * leader#lane} with several, as each lane's ids rise on their own.
     */
    public String trackingName() {
        return Lanes.trackingName(leader, lane, lanes);
    }

    /** The message body: the state, as {@link #body()} says. */
    public byte[] payload() {
        return notification.state();
    }

    /** The headers, in a fixed order, all as text. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LEADER, leader);
        headers.put(NOTIFICATION_ID, Long.toString(notification.id()));
        headers.put(ORIGINATOR_ID, notification.originatorId().toString());
        headers.put(ORIGINATOR_VERSION, Long.toString(notification.originatorVersion()));
        headers.put(TOPIC, notification.topic());
        headers.put(DEDUPLICATION_ID, deduplicationId());
        headers.put(LANE, Integer.toString(lane));
        headers.put(LANES, Integer.toString(lanes));
        headers.put(PREVIOUS_ID, Long.toString(previousId));
        headers.put(BODY, body.name().toLowerCase(Locale.ROOT));
        return headers;
    }

    /**
     * Reads a relayed event back from a message's headers and body.
     *
     * @param headers the value of a header, or null if the message has none by that name
     * @param payload the message body
     * @throws RelayException if a header is missing or malformed, naming it and the message
     */
    public static RelayedEvent read(Function<String, @Nullable String> headers, byte[] payload) {
        requireNonNull(headers, "headers");
        requireNonNull(payload, "payload");
        String leader = header(headers, LEADER);
        try {
            long id = Long.parseLong(header(headers, NOTIFICATION_ID));
            Notification notification = new Notification(id, UUID.fromString(header(headers, ORIGINATOR_ID)),
                    Long.parseLong(header(headers, ORIGINATOR_VERSION)), header(headers, TOPIC), payload);
            Body body = switch (header(headers, BODY)) {
                case "stored" -> Body.STORED;
                case "json" -> Body.JSON;
                default -> throw new IllegalArgumentException(BODY + " is '" + headers.apply(BODY)
                        + "', not one of: stored, json");
            };
            return new RelayedEvent(leader, Integer.parseInt(header(headers, LANE)),
                    Integer.parseInt(header(headers, LANES)), Long.parseLong(header(headers, PREVIOUS_ID)), body,
                    notification);
        } catch (IllegalArgumentException e) {
            throw new RelayException("a message from " + leader + " (" + headers.apply(DEDUPLICATION_ID)
                    + ") is not a relayed event: " + e.getMessage(), e);
        }
    }

    private static String header(Function<String, @Nullable String> headers, String name) {
        String value = headers.apply(name);
        if (value == null) {
            throw new RelayException("the message has no header " + name + "; a relayed event has " + String.join(
                    ", ", LEADER, NOTIFICATION_ID, ORIGINATOR_ID, ORIGINATOR_VERSION, TOPIC, DEDUPLICATION_ID, LANE,
                    LANES, PREVIOUS_ID, BODY));
        }
        return value;
    }

    @Override
    public String toString() {
        return "RelayedEvent[" + deduplicationId() + " lane " + lane + "/" + lanes + " after " + previousId + ", "
                + notification.originatorId() + ":" + notification.originatorVersion() + " " + notification.topic()
                + ", " + body + "]";
    }
}
