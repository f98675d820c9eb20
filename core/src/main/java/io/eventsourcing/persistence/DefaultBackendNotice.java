package io.eventsourcing.persistence;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, once per process, that an application keeps its events in memory because no backend is
 * configured: the default is right for a first try and for tests, and loses everything at exit.
 *
 * <p>Thread-safe.
 */
final class DefaultBackendNotice {
    /** The process's notice. */
    static final DefaultBackendNotice PROCESS = new DefaultBackendNotice();

    private static final Logger LOG = LoggerFactory.getLogger(DefaultBackendNotice.class);

    private final AtomicBoolean told = new AtomicBoolean();

    /** Logs the notice for the application if it has not been logged yet; returns it if it logged it. */
    @Nullable String tell(Environment environment) {
        if (!told.compareAndSet(false, true)) {
            return null;
        }
        String notice = environment.name() + " keeps its events in memory, the default when "
                + InfrastructureFactory.PERSISTENCE_MODULE + " is not set: they are not persisted and are lost "
                + "when the process exits. Set PERSISTENCE_MODULE=sqlite and SQLITE_DBNAME (or postgres, jdbc) to "
                + "keep them, or PERSISTENCE_MODULE=memory to say that memory is meant (this is said once)";
        LOG.warn(notice);
        return notice;
    }
}
