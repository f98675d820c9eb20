package io.eventsourcing.domain.outside;

/**
 * A class outside every aggregate, never registered, whose static initialiser records that it ran (in a
 * system property, since reading a field of the class would initialise it): a stored topic naming it
 * must be refused before that happens.
 */
public final class Tripwire {
    /** The system property the static initialiser sets. */
    public static final String INITIALISED = "io.eventsourcing.tests.tripwire.initialised";

    static {
        System.setProperty(INITIALISED, "true");
    }

    private Tripwire() {}
}
