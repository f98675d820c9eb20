package io.eventsourcing.jdbc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Times a backend's construction that must fail to connect, for the tests of connection failures. */
public final class ConnectFailures {
    private ConnectFailures() {}

    /**
     * What {@code construction} threw, checked to have been thrown within {@code limit}; the elapsed
     * time is printed, so the test log shows how fast each failure is.
     */
    public static Throwable failureWithin(Duration limit, String what, ThrowingCallable construction) {
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(construction);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%s: failed after %d ms: %s%n", what, elapsed.toMillis(), thrown);
        assertThat(thrown).as(what + " must fail").isNotNull();
        assertThat(elapsed).as(what + " must fail within " + limit).isLessThan(limit);
        return thrown;
    }
}
