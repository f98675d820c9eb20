package io.eventsourcing.system;

import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.Subscription;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design: a runner's thread meets the database's failures as any client does: a connection lost in a
 * restart or a failover, no primary for a few seconds, a lock or statement timeout. Those are
 * OperationalExceptions (possibly inside an EventProcessingException), and the backend has already
 * tried again on a new connection before giving up. Trying the same notification again after a pause
 * is safe because processing is exactly-once: a position recorded meanwhile (say, by a commit whose
 * acknowledgement was lost) is skipped, not processed twice. So the runner pauses (0.1 s, doubling up
 * to 2 s), logs, and tries again for as long as it runs; every other failure (the policy's own, an
 * event that cannot be read) stops it as before.
 */

/**
 * How a runner's thread retries after an operational failure of the database. Not thread-safe: one per
 * thread.
 */
final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 2_000;

    private final String who;
    private long pause = FIRST_PAUSE_MILLIS;
    private volatile @Nullable Throwable last;

    /** @param who the thread's work, for the log, e.g. {@code "Emails<-Accounts"} */
    Retries(String who) {
        this.who = who;
    }

    /**
     * Processes a subscription's notifications until it ends or {@code stopping} says so, trying the same
     * notification again after an operational failure, and returning if interrupted while it pauses.
     *
     * @param process processes one notification
     * @throws RuntimeException any other failure, as thrown
     */
    void follow(Subscription subscription, BooleanSupplier stopping, Consumer<Notification> process) {
        Notification pending = null;
        while (!stopping.getAsBoolean()) {
            try {
                if (pending == null) {
                    if (!subscription.hasNext()) {
                        return;
                    }
                    pending = subscription.next();
                }
                process.accept(pending);
                pending = null;
                succeeded();
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean() || !isOperational(e)) {
                    throw e;
                }
                if (!pause(e)) {
                    return;
                }
            }
        }
    }

    /** Whether a failure is operational (it or a cause is an {@link OperationalException}), so worth retrying. */
    static boolean isOperational(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OperationalException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Logs the failure and sleeps before the next try.
     *
     * @return false if the thread was interrupted meanwhile (it keeps its interrupt status)
     */
    boolean pause(Throwable failure) {
        last = failure;
        LOG.warn("{}: {}; trying again in {} ms", who, failure.getMessage(), pause);
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        pause = Math.min(2 * pause, LONGEST_PAUSE_MILLIS);
        return true;
    }

    /** After a success: the next failure pauses briefly again. */
    void succeeded() {
        pause = FIRST_PAUSE_MILLIS;
        last = null;
    }

    /** The failure being retried, or null if the last try succeeded. */
    @Nullable Throwable retrying() {
        return last;
    }
}
