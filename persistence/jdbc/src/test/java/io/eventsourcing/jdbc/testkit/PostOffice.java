package io.eventsourcing.jdbc.testkit;

import io.eventsourcing.application.Application;
import java.util.Map;

/**
 * The application of the transaction tests: it has no commands of its own, since the tests save
 * {@link Parcel}s directly, inside and outside {@link #transaction}. Its tables are
 * {@code postoffice_events} and so on.
 */
public class PostOffice extends Application {

    /** Configured by {@code env} over the process environment. */
    public PostOffice(Map<String, String> env) {
        super(env);
    }
}
