package io.eventsourcing.messaging;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.Application;
import io.eventsourcing.persistence.Cipher;
import io.eventsourcing.persistence.Compressor;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.WaitTimeoutException;
import io.eventsourcing.messaging.internal.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design: the publisher is a follower whose "view" is the broker. It reads the leader's notification log
 * after its recorded position, sends a batch, waits until the broker has confirmed every message of it,
 * and only then raises its tracking mark to the batch's last id. So whatever the broker confirmed may be
 * sent again after a crash (the unconfirmed tail, and the confirmed part of the batch in flight), but
 * nothing is ever recorded as sent that the broker does not keep. Any failure - a refused or unconfirmed
 * message, a lost connection, a broker restart - ends the session: the sender is closed, and after a
 * pause a new session connects and starts again from the recorded mark.
 *
 * Copies and losses are then the republisher's to sort out, with two facts each message carries: its
 * notification id (a copy has an id the follower has recorded already) and the id of the message sent
 * before it in its lane in the same session (previousId, 0 for a session's first). A broker keeps a lane
 * in order, so if the follower has not recorded previousId, that message was lost between this publisher
 * and the broker; it was therefore unconfirmed, this session fails on it, and the next session sends it
 * and everything after it again. The first message of a session may follow any recorded position: every
 * message of its lane up to the mark the session started from was confirmed, so it is in the lane ahead
 * of this one.
 */

/**
 * Relays a leader application's events to a message broker, in order, recording how far it has got only
 * after the broker confirmed: a crash, a lost connection or a broker restart loses nothing, and at most
 * the unconfirmed tail is sent again (which a {@link Republisher} drops). It catches up from its recorded
 * position when started and then follows the leader live, on a thread of its own, reconnecting with a
 * growing pause after failures until it is closed. Run one publisher per leader and name.
 *
 * <p>The broker modules' publishers ({@code RabbitMqPublisher}, {@code SqsPublisher}, {@code
 * KafkaPublisher}) extend it with their {@link BrokerSender}; it can also be used as it is with a sender
 * of one's own. Its thread starts in the constructor, so a subclass's connector must not use the
 * subclass's own fields.
 *
 * <p>Thread-safe.
 */
public class Publisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final Application leader;
    private final TrackingRecorder positions;
    private final boolean ownsPositions;
    private final BrokerSender.Connector connector;
    private final PublisherSettings settings;
    private final Backoff backoff;
    private final Thread thread;
    private volatile @Nullable Throwable lastFailure;
    private volatile @Nullable Feed feed;
    private volatile boolean closed;

    /**
     * Starts publishing.
     *
     * @param leader the application whose events are sent (the publisher does not close it)
     * @param positions where the publisher records its position, under {@code settings.name()} (not
     *     closed by the publisher); null for the leader's own database: its factory's tracking recorder,
     *     which the publisher closes
     * @param connector opens a connection to the broker
     * @param settings lanes, body, topics, batch size, retry pauses
     */
    @SuppressWarnings("this-escape") // the thread uses only what is assigned before it starts
    public Publisher(Application leader, @Nullable TrackingRecorder positions, BrokerSender.Connector connector,
            PublisherSettings settings) {
        this.leader = requireNonNull(leader, "leader");
        this.connector = requireNonNull(connector, "connector");
        this.settings = requireNonNull(settings, "settings");
        this.ownsPositions = positions == null;
        this.positions = positions == null ? leader.factory().trackingRecorder() : positions;
        this.backoff = new Backoff(settings.retryDelay(), settings.maxRetryDelay());
        this.thread = Thread.ofPlatform().daemon().name(settings.name()).start(this::run);
    }

    /** The settings. */
    public final PublisherSettings settings() {
        return settings;
    }

    /** The id of the last event the broker confirmed and the publisher recorded, 0 if none. */
    public final long position() {
        return positions.maxTrackingId(settings.name());
    }

    /** The last failure met (and retried), or null if none yet; for health checks. */
    public final @Nullable Throwable lastFailure() {
        return lastFailure;
    }

    /**
     * Blocks until the broker has confirmed the leader's event {@code notificationId} (or, for an event
     * the publisher does not send, a later one).
     *
     * @throws WaitTimeoutException if it has not within the timeout; the message names the last failure
     */
    public final void waitFor(long notificationId, Duration timeout) {
        try {
            positions.wait(settings.name(), notificationId, timeout);
        } catch (WaitTimeoutException e) {
            Throwable failure = lastFailure;
            throw new WaitTimeoutException(e.getMessage() + (failure == null ? "" : "; last failure: " + failure));
        }
    }

    private void run() {
        Map<Integer, Long> previous = new HashMap<>();
        while (!closed) {
            previous.clear();
            try (BrokerSender sender = connector.connect();
                    Feed session = new Feed(leader.recorder(), position(), settings.topics(),
                            settings.maxBatch() * 2, settings.name())) {
                feed = session;
                if (closed) {
                    return;
                }
                LOG.debug("{} publishing {} after {}", settings.name(), leader.name(), position());
                while (!closed) {
                    List<Notification> batch = session.take(settings.maxBatch());
                    if (batch.isEmpty()) {
                        break;
                    }
                    sender.send(relay(batch, previous));
                    positions.insertTracking(new Tracking(settings.name(), batch.getLast().id()));
                    backoff.reset();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                lastFailure = e;
                LOG.warn("{} failed; it connects again and sends from {}", settings.name(), position(), e);
                if (!backoff.pause()) {
                    return;
                }
            } finally {
                feed = null;
            }
        }
    }

    private List<RelayedEvent> relay(List<Notification> batch, Map<Integer, Long> previous) {
        List<RelayedEvent> events = new ArrayList<>(batch.size());
        Mapper mapper = leader.mapper();
        for (Notification notification : batch) {
            int lane = Lanes.of(notification.originatorId(), settings.lanes());
            Notification sent = settings.body() == Body.JSON ? unsealed(notification, mapper) : notification;
            events.add(new RelayedEvent(leader.name(), lane, settings.lanes(), previous.getOrDefault(lane, 0L),
                    settings.body(), sent));
            previous.put(lane, notification.id());
        }
        return events;
    }

    /** The notification with its state decrypted and decompressed: the JSON envelope. */
    private static Notification unsealed(Notification notification, Mapper mapper) {
        byte[] state = notification.state();
        Cipher cipher = mapper.cipher();
        if (cipher != null) {   // bound to its row, as the mapper encrypted it
            state = cipher.decrypt(state, Mapper.associatedData(notification.originatorId(),
                    notification.originatorVersion(), notification.topic()));
        }
        Compressor compressor = mapper.compressor();
        if (compressor != null) {
            state = compressor.decompress(state, mapper.maxDecodedSize());
        }
        return new Notification(notification.id(), notification.originatorId(), notification.originatorVersion(),
                notification.topic(), state);
    }

    /** Stops publishing; what the broker confirmed stays recorded. Idempotent. */
    @Override
    public final void close() {
        closed = true;
        backoff.cancel();
        Feed current = feed;
        if (current != null) {
            current.close();
        }
        try {
            if (!thread.join(Duration.ofSeconds(10))) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsPositions) {
            positions.close();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + settings.name() + " of " + leader.name() + "]";
    }
}
