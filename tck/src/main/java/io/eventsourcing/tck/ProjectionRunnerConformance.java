package io.eventsourcing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.WaitTimeoutException;
import io.eventsourcing.system.EventProcessingException;
import io.eventsourcing.system.Projection;
import io.eventsourcing.system.ProjectionRunner;
import io.eventsourcing.tck.bankaccounts.BankAccount;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import io.eventsourcing.tck.system.EventCounters;
import io.eventsourcing.tck.system.EventCountersProjection;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link ProjectionRunner} keeping an {@link EventCounters} view up to date with the
 * {@link BankAccounts} on a backend: it catches up with what was recorded before it started, then
 * counts new events live; {@code wait} returns once an event is counted and times out for one that
 * never is; {@code stop} stops following, and a new runner on the same view resumes after its
 * position; only the projection's event types are read; and a projection's error stops the runner
 * and surfaces from {@code wait} and {@code close}. The view itself counts and tracks in one step
 * and, given a position it has recorded already, throws {@link IntegrityException} and counts nothing.
 * Ported from pyeventsourcing's {@code test_projection.py} and {@code test_projection_runner.py}.
 *
 * <p>A backend runs it by giving the application's settings and making a view on its storage:
 *
 * <pre>{@code
 * class SqliteProjectionRunnerTest extends ProjectionRunnerConformance {
 *     @Override protected Map<String, String> env() {
 *         return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", file);
 *     }
 *     @Override protected EventCounters createView() { return new SqliteEventCounters(env()); }
 * }
 * }</pre>
 *
 * Each test expects an empty application store and an empty view; both are closed after it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(60)
public abstract class ProjectionRunnerConformance {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final String UPSTREAM = "BankAccounts";

    private @Nullable BankAccounts accounts;
    private @Nullable EventCounters view;
    private final List<ProjectionRunner<EventCounters>> runners = new ArrayList<>();

    /** For subclasses. */
    protected ProjectionRunnerConformance() {}

    /** The backend's settings for the application, including {@code PERSISTENCE_MODULE}. */
    protected abstract Map<String, String> env();

    /** A new, empty view on the backend; called at most once per test, and closed after it. */
    protected abstract EventCounters createView();

    /** The test's bank accounts application, made on first use. */
    protected final BankAccounts accounts() {
        if (accounts == null) {
            accounts = new BankAccounts(env());
        }
        return accounts;
    }

    /** The test's view, made on first use. */
    protected final EventCounters view() {
        if (view == null) {
            view = createView();
        }
        return view;
    }

    private ProjectionRunner<EventCounters> follow(Projection<EventCounters> projection) {
        ProjectionRunner<EventCounters> runner = new ProjectionRunner<>(accounts(), projection);
        runners.add(runner);
        return runner;
    }

    @AfterEach
    final void closeEverything() {
        runners.forEach(ProjectionRunner::stop);
        runners.clear();
        if (view != null) {
            view.close();
            view = null;
        }
        if (accounts != null) {
            accounts.close();
            accounts = null;
        }
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void catches_up_with_the_recorded_events_then_counts_new_ones_live() {
        UUID alice = accounts().openAccount("Alice", "alice@example.com");
        accounts().depositFunds(alice, money("10.00"));
        UUID bob = accounts().openAccount("Bob", "bob@example.com");

        ProjectionRunner<EventCounters> runner = follow(new EventCountersProjection(view()));

        runner.wait(3, TIMEOUT);
        assertThat(view().created()).isEqualTo(2);
        assertThat(view().other()).isEqualTo(1);

        accounts().depositFunds(bob, money("5.00"));
        accounts().openAccount("Carol", "carol@example.com");

        runner.wait(5, TIMEOUT);
        assertThat(view().created()).isEqualTo(3);
        assertThat(view().other()).isEqualTo(2);
        assertThat(view().maxTrackingId(UPSTREAM)).isEqualTo(5);
    }

    @Test
    void wait_times_out_for_a_notification_not_processed() {
        accounts().openAccount("Alice", "alice@example.com");
        ProjectionRunner<EventCounters> runner = follow(new EventCountersProjection(view()));
        runner.wait(1, TIMEOUT);

        assertThatThrownBy(() -> runner.wait(2, SHORT)).isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("notification 2");
        assertThat(runner.error()).isNull();
    }

    @Test
    void reads_only_the_event_types_the_projection_names() {
        UUID alice = accounts().openAccount("Alice", "alice@example.com");
        accounts().depositFunds(alice, money("10.00"));
        accounts().openAccount("Bob", "bob@example.com");

        ProjectionRunner<EventCounters> runner = follow(new OpeningsOnly(view()));

        runner.wait(3, TIMEOUT);
        assertThat(view().created()).isEqualTo(2);
        assertThat(view().other()).as("other events counted").isZero();
    }

    @Test
    void stop_stops_following() {
        accounts().openAccount("Alice", "alice@example.com");
        ProjectionRunner<EventCounters> runner = follow(new EventCountersProjection(view()));
        runner.wait(1, TIMEOUT);

        runner.stop();
        accounts().openAccount("Bob", "bob@example.com");

        assertThatThrownBy(() -> runner.wait(2, SHORT)).isInstanceOf(WaitTimeoutException.class);
        assertThat(view().created()).isEqualTo(1);
        assertThat(view().maxTrackingId(UPSTREAM)).isEqualTo(1);
    }

    @Test
    void a_new_runner_on_the_same_view_resumes_after_its_position_counting_nothing_twice() {
        UUID alice = accounts().openAccount("Alice", "alice@example.com");
        accounts().depositFunds(alice, money("10.00"));
        ProjectionRunner<EventCounters> first = follow(new EventCountersProjection(view()));
        first.wait(2, TIMEOUT);
        first.stop();
        accounts().openAccount("Bob", "bob@example.com");

        ProjectionRunner<EventCounters> second = follow(new EventCountersProjection(view()));

        second.wait(3, TIMEOUT);
        assertThat(view().created()).isEqualTo(2);
        assertThat(view().other()).isEqualTo(1);
    }

    @Test
    void a_failing_projection_stops_the_runner_and_its_error_surfaces_from_wait_and_close() {
        UUID alice = accounts().openAccount("Alice", "alice@example.com");
        accounts().depositFunds(alice, money("10.00"));
        accounts().openAccount("Bob", "bob@example.com");
        ProjectionRunner<EventCounters> runner = follow(new RefusingTransactions(view()));

        Throwable waited = catchThrowable(() -> runner.wait(3, TIMEOUT));

        assertThat(waited).isInstanceOfSatisfying(EventProcessingException.class, e -> {
            assertThat(e.follower()).isEqualTo("RefusingTransactions");
            assertThat(e.tracking()).isEqualTo(new Tracking(UPSTREAM, 2));
            assertThat(e).hasCauseInstanceOf(IllegalStateException.class);
        });
        assertThat(runner.error()).isSameAs(waited);
        assertThat(view().created()).as("counted before the failure").isEqualTo(1);
        assertThat(view().maxTrackingId(UPSTREAM)).as("nothing processed after the failure").isEqualTo(1);
        assertThatThrownBy(runner::close).isSameAs(waited);
    }

    @Test
    void an_operational_failure_of_the_database_is_tried_again_and_the_event_counted_once() {
        UUID alice = accounts().openAccount("Alice", "alice@example.com");
        accounts().depositFunds(alice, money("10.00"));
        FailingTwice projection = new FailingTwice(view());
        ProjectionRunner<EventCounters> runner = follow(projection);

        runner.wait(2, TIMEOUT);

        assertThat(projection.failures()).as("failures before the first event was counted").isEqualTo(2);
        assertThat(runner.error()).isNull();
        assertThat(view().created()).isEqualTo(1);
        assertThat(view().other()).isEqualTo(1);
    }

    /** The view on its own. */
    @Nested
    class View {

        @Test
        void counts_and_tracks_in_one_step() {
            view().incrementCreated(new Tracking(UPSTREAM, 1));
            view().incrementOther(new Tracking(UPSTREAM, 2));
            view().incrementOther(new Tracking(UPSTREAM, 4));

            assertThat(view().created()).isEqualTo(1);
            assertThat(view().other()).isEqualTo(2);
            assertThat(view().maxTrackingId(UPSTREAM)).isEqualTo(4);
            assertThat(view().maxTrackingId("Elsewhere")).isZero();
        }

        @Test
        void rejects_a_recorded_tracking_position_and_leaves_the_counts_unchanged() {
            view().incrementCreated(new Tracking(UPSTREAM, 1));
            view().incrementOther(new Tracking(UPSTREAM, 3));

            assertThatThrownBy(() -> view().incrementCreated(new Tracking(UPSTREAM, 1)))
                    .isInstanceOf(IntegrityException.class);
            assertThatThrownBy(() -> view().incrementOther(new Tracking(UPSTREAM, 3)))
                    .isInstanceOf(IntegrityException.class);
            assertThatThrownBy(() -> view().incrementCreated(new Tracking(UPSTREAM, 2)))
                    .as("a position below the mark").isInstanceOf(IntegrityException.class);

            assertThat(view().created()).isEqualTo(1);
            assertThat(view().other()).isEqualTo(1);
            assertThat(view().maxTrackingId(UPSTREAM)).isEqualTo(3);
        }

        @Test
        void wait_times_out_while_the_mark_is_below_the_id() {
            view().incrementCreated(new Tracking(UPSTREAM, 1));

            view().wait(UPSTREAM, 1, SHORT);
            assertThatThrownBy(() -> view().wait(UPSTREAM, 2, SHORT)).isInstanceOf(WaitTimeoutException.class);
        }
    }

    /** Counts the openings only: it names them as its one event type. */
    private static final class OpeningsOnly extends EventCountersProjection {
        OpeningsOnly(EventCounters view) {
            super(view);
        }

        @Override
        public Set<Class<?>> types() {
            return Set.of(BankAccount.Opened.class);
        }
    }

    /** Counts events, but its first two tries fail as a lost connection to the database would. */
    private static final class FailingTwice extends EventCountersProjection {
        private final AtomicInteger failures = new AtomicInteger();

        FailingTwice(EventCounters view) {
            super(view);
        }

        @Override
        public void process(DomainEvent event, Tracking tracking) {
            if (failures.get() < 2) {
                failures.incrementAndGet();
                throw new OperationalException("the connection was lost (a failure of the test)");
            }
            super.process(event, tracking);
        }

        int failures() {
            return failures.get();
        }
    }

    /** Counts events but throws on a transaction. */
    private static final class RefusingTransactions extends Projection<EventCounters> {
        RefusingTransactions(EventCounters view) {
            super(view);
        }

        @Override
        public void process(DomainEvent event, Tracking tracking) {
            switch (event.payload()) {
                case BankAccount.Opened opened -> view().incrementCreated(tracking);
                case BankAccount.TransactionAppended appended ->
                    throw new IllegalStateException("transactions are not counted here");
                default -> view().incrementOther(tracking);
            }
        }
    }
}
