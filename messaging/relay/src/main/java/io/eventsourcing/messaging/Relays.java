package io.eventsourcing.messaging;

import io.eventsourcing.domain.EventSourcingException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishers and republishers started together and closed together, the last started first: what a broker
 * module's Spring Boot auto-configuration registers as one bean ({@code RabbitMqRelays}, ...), closed
 * before the applications they relay.
 *
 * <p>Thread-safe.
 */
public abstract class Relays implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Relays.class);

    private final List<AutoCloseable> started = new ArrayList<>();

    /** An empty group. */
    protected Relays() {}

    /** Adds a started publisher and returns it. */
    protected final synchronized <P extends Publisher> P add(P publisher) {
        started.add(publisher);
        return publisher;
    }

    /** Adds a started republisher and returns it. */
    protected final synchronized <R extends BrokerRepublisher> R add(R republisher) {
        started.add(republisher);
        return republisher;
    }

    /** The publishers, in the order started. */
    public final synchronized List<Publisher> publishers() {
        return started.stream().filter(Publisher.class::isInstance).map(Publisher.class::cast).toList();
    }

    /** The republishers, in the order started. */
    public final synchronized List<BrokerRepublisher> republishers() {
        return started.stream().filter(BrokerRepublisher.class::isInstance).map(BrokerRepublisher.class::cast)
                .toList();
    }

    /**
     * Closes every relay, even when one fails, then rethrows the first failure.
     *
     * @throws EventSourcingException the first failure (a republisher's follower error)
     */
    @Override
    public final synchronized void close() {
        RuntimeException first = null;
        for (AutoCloseable relay : started.reversed()) {
            try {
                relay.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", relay, e);
                if (first == null) {
                    first = e instanceof RuntimeException runtime ? runtime
                            : new EventSourcingException("closing " + relay + " failed", e);
                }
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }
}
