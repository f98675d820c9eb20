package io.eventsourcing.examples;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits, a bounded time, for something another thread or process does. */
public final class Eventually {
    private Eventually() {}

    /**
     * Polls the condition, with pauses growing from 1 to 50 ms, until it holds.
     *
     * @throws AssertionError naming {@code what} (and the details supplied) if it does not within the timeout
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> details) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " did not happen within " + timeout.toMillis() + " ms"
                        + details.get());
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
    }

    /** The same without details. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }
}
