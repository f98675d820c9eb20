package io.eventsourcing.postgres.faults;

/**
 * A fault injected, from when it began to when its command returned (the server back, for a restart),
 * in {@code System.nanoTime()} of the test's JVM.
 *
 * @param name what was done, for the report
 * @param began when it began
 * @param ended when its command returned
 */
record Fault(String name, long began, long ended) {

    /** Runs a fault's command and times it. */
    static Fault inject(String name, Runnable fault) {
        long began = System.nanoTime();
        fault.run();
        return new Fault(name, began, System.nanoTime());
    }
}
