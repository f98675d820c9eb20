package io.eventsourcing.tck;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Helpers for the suites' multi-threaded tests. */
final class Threads {
    private static final long BLOCKED_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(2);

    private Threads() {}

    /**
     * Returns once {@code thread} waits (parked, in {@code wait} or sleeping), or after two seconds. It
     * only makes it likely that what a test does next hits a blocked thread, as the test intends; the
     * test's assertions hold however the threads interleave, so a thread blocked in I/O (which shows
     * as runnable) merely costs the two seconds.
     */
    static void awaitBlocked(Thread thread) {
        long deadline = System.nanoTime() + BLOCKED_WITHIN_NANOS;
        while (System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.TERMINATED) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
