package io.eventsourcing.messaging;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Set;

/**
 * How a {@link Publisher} relays a leader's events.
 *
 * @param name the name the publisher's position is tracked under (e.g. {@code Orders->rabbitmq}); two
 *     publishers of one leader need two names
 * @param lanes how many ordered lanes to spread the events over by originator id (1: one total order);
 *     chosen once for a leader, as followers track each lane under its own name (see {@link Lanes})
 * @param body what the message body holds
 * @param topics only events with these topics are sent, or all if empty
 * @param maxBatch at most this many events are sent before waiting for the broker's confirmation
 * @param retryDelay the first pause after a failure; it doubles after each further failure
 * @param maxRetryDelay the longest pause between attempts
 */
public record PublisherSettings(String name, int lanes, Body body, Set<String> topics, int maxBatch,
        Duration retryDelay, Duration maxRetryDelay) {

    /**
     * @throws IllegalArgumentException if the name is blank, lanes or maxBatch below 1, or a delay not
     *     positive
     */
    public PublisherSettings {
        requireNonNull(name, "name");
        requireNonNull(body, "body");
        topics = Set.copyOf(requireNonNull(topics, "topics"));
        requireNonNull(retryDelay, "retryDelay");
        requireNonNull(maxRetryDelay, "maxRetryDelay");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the publisher's name must not be blank");
        }
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, was " + lanes);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        if (retryDelay.isNegative() || retryDelay.isZero() || maxRetryDelay.compareTo(retryDelay) < 0) {
            throw new IllegalArgumentException("retryDelay must be positive and at most maxRetryDelay, were "
                    + retryDelay + " and " + maxRetryDelay);
        }
    }

    /**
     * The defaults: one lane (total order), the stored bytes as body, all topics, batches of up to 500,
     * retries after 100 ms growing to 5 s.
     */
    public static PublisherSettings of(String name) {
        return new PublisherSettings(name, 1, Body.STORED, Set.of(), 500, Duration.ofMillis(100),
                Duration.ofSeconds(5));
    }

    /** The same with {@code lanes} lanes. */
    public PublisherSettings withLanes(int lanes) {
        return new PublisherSettings(name, lanes, body, topics, maxBatch, retryDelay, maxRetryDelay);
    }

    /** The same with another body. */
    public PublisherSettings withBody(Body body) {
        return new PublisherSettings(name, lanes, body, topics, maxBatch, retryDelay, maxRetryDelay);
    }

    /** The same sending only these topics. */
    public PublisherSettings withTopics(Set<String> topics) {
        return new PublisherSettings(name, lanes, body, topics, maxBatch, retryDelay, maxRetryDelay);
    }

    /** The same with another batch size. */
    public PublisherSettings withMaxBatch(int maxBatch) {
        return new PublisherSettings(name, lanes, body, topics, maxBatch, retryDelay, maxRetryDelay);
    }

    /** The same with other pauses between attempts. */
    public PublisherSettings withRetryDelays(Duration retryDelay, Duration maxRetryDelay) {
        return new PublisherSettings(name, lanes, body, topics, maxBatch, retryDelay, maxRetryDelay);
    }
}
