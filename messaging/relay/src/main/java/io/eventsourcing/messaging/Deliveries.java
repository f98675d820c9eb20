package io.eventsourcing.messaging;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.system.EventProcessingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker session's deliveries to a {@link Republisher}, each with the broker's token for acknowledging
 * it (a delivery tag, a receipt handle, a record). {@link #handle} returns the tokens that may now be
 * acknowledged: the event's own once the follower has recorded it (or it was a copy), and those of events
 * held before it. An event that arrives before the one sent before it in its lane is held, unacknowledged,
 * and processed as soon as that one has been: a broker that delivers a lane out of order (ElasticMQ after a
 * restart) loses nothing. An event whose predecessor was lost is held until the publisher sends both again,
 * and the held copy is then acknowledged as a copy. At most {@link #MAX_HELD} events are held per lane; past
 * that the oldest is acknowledged without processing (it comes again with its predecessor), so a broker's
 * prefetch window never fills with held events.
 *
 * <p>Thread-safe; belongs to one broker session (tokens of an earlier connection are not valid in a later one).
 *
 * @param <T> the broker's acknowledgement token
 */
public final class Deliveries<T> {
    /** How many events a lane holds at most. */
    public static final int MAX_HELD = 100;

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private final Republisher republisher;
    private final Map<String, TreeMap<Long, Held<T>>> held = new HashMap<>();

    Deliveries(Republisher republisher) {
        this.republisher = republisher;
    }

    private record Held<T>(RelayedEvent event, List<T> tokens) {}

    /**
     * Hands a delivered event to the republisher.
     *
     * @return the tokens to acknowledge now, in the order received
     * @throws RelayException if the event is from another leader
     * @throws EventProcessingException if the follower failed; acknowledge nothing more in this session
     */
    public synchronized List<T> handle(RelayedEvent event, T token) {
        requireNonNull(token, "token");
        String lane = event.trackingName();
        if (republisher.handle(event) == Republisher.Outcome.AHEAD_OF_A_LOST_EVENT) {
            TreeMap<Long, Held<T>> waiting = held.computeIfAbsent(lane, name -> new TreeMap<>());
            waiting.computeIfAbsent(event.notification().id(), id -> new Held<>(event, new ArrayList<>()))
                    .tokens().add(token);
            if (waiting.size() <= MAX_HELD) {
                return List.of();
            }
            Held<T> oldest = waiting.pollFirstEntry().getValue();
            LOG.warn("{} gave up waiting for the event before {} in lane {} ({} notification {}); the publisher "
                    + "sends both again if the broker lost it", republisher.follower(), oldest.event().deduplicationId(),
                    oldest.event().lane(), republisher.leader(), oldest.event().previousId());
            return List.copyOf(oldest.tokens());
        }
        List<T> acknowledged = new ArrayList<>();
        acknowledged.add(token);
        release(lane, acknowledged);
        return acknowledged;
    }

    /** Processes the held events of a lane that have become next, in order. */
    private void release(String lane, List<T> acknowledged) {
        TreeMap<Long, Held<T>> waiting = held.get(lane);
        while (waiting != null && !waiting.isEmpty()) {
            Held<T> first = waiting.firstEntry().getValue();
            long recorded = republisher.recorded(lane);
            if (first.event().notification().id() > recorded && first.event().previousId() > recorded) {
                return;   // a later held event cannot be next either: its predecessor is at least this one
            }
            if (republisher.handle(first.event()) == Republisher.Outcome.AHEAD_OF_A_LOST_EVENT) {
                return;
            }
            waiting.pollFirstEntry();
            acknowledged.addAll(first.tokens());
        }
    }

    /** How many events are held, over all lanes. */
    public synchronized int held() {
        return held.values().stream().mapToInt(Map::size).sum();
    }
}
