package io.eventsourcing.internal;

import io.eventsourcing.application.ApplicationObserver;
import java.util.function.Supplier;

/** Runs an observed operation and tells its {@link ApplicationObserver.Ending} how it ended. Not API. */
public final class Operations {
    private Operations() {}

    /**
     * Runs the work, then tells the ending: null when it returned, else what it threw (and rethrows it).
     */
    public static <T> T run(ApplicationObserver.Ending ending, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (Throwable e) {
            ending.ended(e);
            throw e;
        }
        ending.ended(null);
        return result;
    }
}
