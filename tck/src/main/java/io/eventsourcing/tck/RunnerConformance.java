package io.eventsourcing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.eventsourcing.application.Application;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.system.EventProcessingException;
import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.EventSourcingSystem.Edge;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.Runner;
import io.eventsourcing.system.RunnerAlreadyStartedException;
import io.eventsourcing.system.SingleThreadedRunner;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import io.eventsourcing.tck.system.Auditor;
import io.eventsourcing.tck.system.Commands;
import io.eventsourcing.tck.system.EmailProcess;
import io.eventsourcing.tck.system.Results;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Running an {@link EventSourcingSystem} on a backend: a runner constructs the applications with its
 * settings, connects each follower to its leaders, and has every follower process its leaders' new
 * events exactly once, in order, only of the types it follows; one follower may follow several
 * leaders, and followers may follow each other in a loop. A policy's error names the event and
 * reaches the caller ({@link SingleThreadedRunner}: the leader's {@code save}; {@link
 * MultiThreadedRunner}: {@code waitFor} and {@code stop}). Also the shape of systems themselves. Ported
 * from pyeventsourcing's {@code test_runner.py} and {@code test_system.py}, with the
 * {@link BankAccounts} and {@link EmailProcess} fixtures.
 *
 * <p>A backend runs it once per runner, giving the settings that select it and making the runner:
 *
 * <pre>{@code
 * class SqliteMultiThreadedRunnerTest extends RunnerConformance {
 *     @Override protected Map<String, String> env() {
 *         return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", file);
 *     }
 *     @Override protected Runner runner(EventSourcingSystem system, Map<String, String> env) {
 *         return new MultiThreadedRunner(system, env);
 *     }
 * }
 * }</pre>
 *
 * Each test starts a runner on these settings, expects the applications' stores to be empty, and
 * stops the runner after it (which closes the applications). A backend whose store outlives the
 * applications (a database) empties it between tests itself, and can also run
 * {@link RunnerRestartConformance}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(60)
public abstract class RunnerConformance {
    /** How long a test waits for followers; generous, since slow machines are slow. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final EventSourcingSystem ACCOUNTS_AND_EMAILS = EventSourcingSystem.of(
            List.of(BankAccounts.class, EmailProcess.class));

    private final List<Runner> runners = new ArrayList<>();

    /** For subclasses. */
    protected RunnerConformance() {}

    /** The backend's settings, including {@code PERSISTENCE_MODULE}. */
    protected abstract Map<String, String> env();

    /** A new, unstarted runner of the kind under test. */
    protected abstract Runner runner(EventSourcingSystem system, Map<String, String> env);

    /** Starts a runner of the system on the backend; it is stopped after the test. */
    protected final Runner start(EventSourcingSystem system) {
        return start(system, Map.of());
    }

    private Runner start(EventSourcingSystem system, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(env());
        env.putAll(more);
        Runner runner = runner(system, env);
        runners.add(runner);
        runner.start();
        return runner;
    }

    @AfterEach
    final void stopRunners() {
        RuntimeException failure = null;
        for (Runner runner : runners.reversed()) {
            try {
                runner.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        runners.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static List<String> addresses(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "holder" + i + "@example.com").toList();
    }

    /** Starting, stopping and reaching the applications. */
    @Nested
    class Starting {

        @Test
        void gives_every_application_the_runners_settings() {
            Runner runner = start(ACCOUNTS_AND_EMAILS, Map.of("RUNNER_CONFORMANCE_SETTING", "given"));

            assertThat(runner.get(BankAccounts.class).env().get("RUNNER_CONFORMANCE_SETTING")).contains("given");
            assertThat(runner.get(EmailProcess.class).env().get("RUNNER_CONFORMANCE_SETTING")).contains("given");
        }

        @Test
        void makes_each_follower_follow_its_leaders() {
            Runner runner = start(ACCOUNTS_AND_EMAILS);

            assertThat(runner.isRunning()).isTrue();
            assertThat(runner.get(EmailProcess.class).leaders()).containsExactly("BankAccounts");
            assertThat(runner.get(BankAccounts.class)).isSameAs(runner.get(BankAccounts.class));
        }

        @Test
        void a_second_start_throws_runner_already_started_and_the_first_keeps_running() {
            Runner runner = start(ACCOUNTS_AND_EMAILS);
            BankAccounts accounts = runner.get(BankAccounts.class);

            assertThatThrownBy(runner::start).isInstanceOf(RunnerAlreadyStartedException.class)
                    .hasMessageContaining("already started");

            assertThat(runner.get(BankAccounts.class)).isSameAs(accounts);
            accounts.openAccount("Alice", "alice@example.com");
            runner.waitFor(EmailProcess.class, BankAccounts.class, 1, TIMEOUT);
            assertThat(runner.get(EmailProcess.class).recipients()).containsExactly("alice@example.com");
        }

        @Test
        void get_of_an_application_outside_the_system_throws_illegal_argument() {
            Runner runner = start(ACCOUNTS_AND_EMAILS);

            assertThatThrownBy(() -> runner.get(Auditor.class)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Auditor.class.getName()).hasMessageContaining("BankAccounts");
        }

        @Test
        void get_before_start_throws_illegal_state() {
            Runner runner = runner(ACCOUNTS_AND_EMAILS, env());

            assertThatThrownBy(() -> runner.get(BankAccounts.class)).isInstanceOf(IllegalStateException.class);
            assertThat(runner.isRunning()).isFalse();
        }

        @Test
        void stop_closes_the_applications_and_a_second_stop_does_nothing() {
            Runner runner = start(ACCOUNTS_AND_EMAILS);
            BankAccounts accounts = runner.get(BankAccounts.class);

            runner.stop();

            assertThat(runner.isRunning()).isFalse();
            assertThatThrownBy(() -> accounts.openAccount("Alice", "alice@example.com"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThatCode(runner::stop).doesNotThrowAnyException();
        }

        @Test
        void runs_a_system_of_one_application_without_followers() {
            Runner runner = start(EventSourcingSystem.of(List.of(BankAccounts.class)));
            BankAccounts accounts = runner.get(BankAccounts.class);

            UUID id = accounts.openAccount("Alice", "alice@example.com");

            assertThat(accounts.getAccount(id).fullName()).isEqualTo("Alice");
        }

        @Test
        void refuses_to_start_an_application_without_a_settings_constructor() {
            Runner runner = runner(EventSourcingSystem.of(List.of(WithoutSettings.class)), env());
            runners.add(runner);

            assertThatThrownBy(runner::start).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(WithoutSettings.class.getName()).hasMessageContaining("Map<String, String>");
        }
    }

    /** Followers processing their leaders' events. */
    @Nested
    class Processing {

        @Test
        void ten_accounts_opened_give_ten_emails() {
            Runner runner = start(ACCOUNTS_AND_EMAILS);
            BankAccounts accounts = runner.get(BankAccounts.class);

            for (String address : addresses(10)) {
                accounts.openAccount("Holder", address);
            }

            runner.waitFor(EmailProcess.class, BankAccounts.class, 10, TIMEOUT);
            EmailProcess emails = runner.get(EmailProcess.class);
            assertThat(emails.recipients()).containsExactlyElementsOf(addresses(10));
            assertThat(emails.recorder().maxTrackingId("BankAccounts")).isEqualTo(10);
            assertThat(emails.policyCalls()).isEqualTo(10);
        }

        @Test
        void two_followers_of_one_leader_each_process_every_event_they_follow() {
            Runner runner = start(EventSourcingSystem.of(List.of(BankAccounts.class, EmailProcess.class),
                    List.of(BankAccounts.class, Auditor.class)));
            BankAccounts accounts = runner.get(BankAccounts.class);

            for (String address : addresses(3)) {
                accounts.openAccount("Holder", address);
            }

            runner.waitFor(EmailProcess.class, BankAccounts.class, 3, TIMEOUT);
            runner.waitFor(Auditor.class, BankAccounts.class, 3, TIMEOUT);
            assertThat(runner.get(EmailProcess.class).recipients()).containsExactlyElementsOf(addresses(3));
            assertThat(runner.get(Auditor.class).entries())
                    .containsExactly("BankAccounts 1 Opened", "BankAccounts 2 Opened", "BankAccounts 3 Opened");
        }

        @Test
        void a_follower_of_two_leaders_processes_both_and_tracks_each_separately() {
            Runner runner = start(EventSourcingSystem.of(List.of(BankAccounts.class, EmailProcess.class, Auditor.class),
                    List.of(BankAccounts.class, Auditor.class)));
            BankAccounts accounts = runner.get(BankAccounts.class);

            UUID alice = accounts.openAccount("Alice", "alice@example.com");
            accounts.openAccount("Bob", "bob@example.com");
            accounts.depositFunds(alice, new BigDecimal("10.00"));

            runner.waitFor(Auditor.class, BankAccounts.class, 3, TIMEOUT);
            runner.waitFor(Auditor.class, EmailProcess.class, 2, TIMEOUT);
            Auditor auditor = runner.get(Auditor.class);
            assertThat(auditor.leaders()).containsExactlyInAnyOrder("BankAccounts", "EmailProcess");
            assertThat(auditor.entries()).containsExactlyInAnyOrder("BankAccounts 1 Opened", "BankAccounts 2 Opened",
                    "BankAccounts 3 TransactionAppended", "EmailProcess 1 Created", "EmailProcess 2 Created");
            assertThat(auditor.recorder().maxTrackingId("BankAccounts")).isEqualTo(3);
            assertThat(auditor.recorder().maxTrackingId("EmailProcess")).isEqualTo(2);
        }

        @Test
        void a_processing_loop_brings_each_commands_result_back_to_it() {
            Runner runner = start(EventSourcingSystem.of(List.of(Commands.class, Results.class, Commands.class)));
            Commands commands = runner.get(Commands.class);

            UUID hello = commands.submit("hello");
            UUID world = commands.submit("world");

            runner.waitFor(Commands.class, Results.class, 2, TIMEOUT);
            assertThat(commands.output(hello)).contains("HELLO");
            assertThat(commands.output(world)).contains("WORLD");
            assertThat(runner.get(Results.class).recorder().maxNotificationId())
                    .as("one result per command, none for the completions").isEqualTo(2);
            assertThat(commands.recorder().maxNotificationId()).as("two submissions, two completions").isEqualTo(4);
        }

        @Test
        void a_follower_pulls_only_the_event_types_it_follows() {
            Runner runner = start(ACCOUNTS_AND_EMAILS);
            BankAccounts accounts = runner.get(BankAccounts.class);

            UUID alice = accounts.openAccount("Alice", "alice@example.com");
            accounts.depositFunds(alice, new BigDecimal("10.00"));
            accounts.withdrawFunds(alice, new BigDecimal("5.00"));
            accounts.openAccount("Bob", "bob@example.com");

            runner.waitFor(EmailProcess.class, BankAccounts.class, 4, TIMEOUT);
            EmailProcess emails = runner.get(EmailProcess.class);
            assertThat(emails.policyCalls()).as("policy calls: the two openings only").isEqualTo(2);
            assertThat(emails.recipients()).containsExactly("alice@example.com", "bob@example.com");
            assertThat(emails.recorder().maxTrackingId("BankAccounts")).isEqualTo(4);
        }
    }

    /** A policy that throws. */
    @Nested
    class Failing {

        @Test
        void a_policy_error_names_the_event_reaches_the_caller_and_keeps_what_was_processed_before() {
            Runner runner = start(ACCOUNTS_AND_EMAILS);
            BankAccounts accounts = runner.get(BankAccounts.class);
            EmailProcess emails = runner.get(EmailProcess.class);
            accounts.openAccount("Alice", "alice@example.com");
            runner.waitFor(EmailProcess.class, BankAccounts.class, 1, TIMEOUT);

            Throwable failure = switch (runner) {
                case SingleThreadedRunner single -> catchThrowable(() -> accounts.openAccount("Bob", "bob at home"));
                case MultiThreadedRunner multi -> {
                    accounts.openAccount("Bob", "bob at home");
                    yield catchThrowable(() -> runner.waitFor(EmailProcess.class, BankAccounts.class, 2, TIMEOUT));
                }
            };

            assertThat(failure).isInstanceOfSatisfying(EventProcessingException.class, e -> {
                assertThat(e.follower()).isEqualTo("EmailProcess");
                assertThat(e.tracking()).isEqualTo(new Tracking("BankAccounts", 2));
                assertThat(e).hasMessageContaining("Opened").hasCauseInstanceOf(IllegalArgumentException.class);
            });
            assertThat(accounts.recorder().maxNotificationId()).as("the leader's event is recorded").isEqualTo(2);
            assertThat(emails.recorder().maxTrackingId("BankAccounts")).isEqualTo(1);
            assertThat(emails.recipients()).containsExactly("alice@example.com");
            switch (runner) {
                case SingleThreadedRunner single -> {
                    assertThat(runner.error()).isNull();
                    assertThatCode(runner::stop).doesNotThrowAnyException();
                }
                case MultiThreadedRunner multi -> {
                    assertThat(runner.error()).isSameAs(failure);
                    assertThatThrownBy(runner::stop).isSameAs(failure);
                }
            }
        }
    }

    /** An operational failure of the database, such as a connection lost in a failover. */
    @Nested
    class Retrying {

        @Test
        void the_event_is_processed_once_after_the_failure_passes() {
            Runner runner = start(ACCOUNTS_AND_EMAILS);
            BankAccounts accounts = runner.get(BankAccounts.class);
            EmailProcess emails = runner.get(EmailProcess.class);

            switch (runner) {
                case SingleThreadedRunner single -> {
                    // In the caller's thread, the failure reaches the caller, and the event is processed
                    // when the follower is prompted again.
                    assertThatThrownBy(() -> accounts.openAccount("Flaky", EmailProcess.FLAKY + "alice@example.com"))
                            .isInstanceOf(EventProcessingException.class).hasRootCauseMessage(
                                    "the connection was lost (a failure of the test)");
                    assertThatThrownBy(() -> emails.pullAndProcess("BankAccounts"))
                            .isInstanceOf(EventProcessingException.class);
                    emails.pullAndProcess("BankAccounts");
                }
                case MultiThreadedRunner multi -> {
                    // In the background, the runner tries again after a pause, and goes on.
                    accounts.openAccount("Flaky", EmailProcess.FLAKY + "alice@example.com");
                    runner.waitFor(EmailProcess.class, BankAccounts.class, 1, TIMEOUT);
                }
            }
            accounts.openAccount("Bob", "bob@example.com");
            runner.waitFor(EmailProcess.class, BankAccounts.class, 2, TIMEOUT);

            assertThat(emails.flakyFailures()).isEqualTo(2);
            assertThat(runner.error()).isNull();
            assertThat(emails.recipients()).containsExactly(EmailProcess.FLAKY + "alice@example.com", "bob@example.com");
        }
    }

    /** The shape of a system, before anything runs. */
    @Nested
    class Systems {

        @Test
        void lists_nodes_edges_leaders_and_followers_in_the_order_first_named() {
            EventSourcingSystem system = EventSourcingSystem.of(
                    List.of(BankAccounts.class, EmailProcess.class, Auditor.class),
                    List.of(BankAccounts.class, Auditor.class));

            assertThat(system.nodes()).containsExactly(BankAccounts.class, EmailProcess.class, Auditor.class);
            assertThat(system.edges()).containsExactly(new Edge(BankAccounts.class, EmailProcess.class),
                    new Edge(EmailProcess.class, Auditor.class), new Edge(BankAccounts.class, Auditor.class));
            assertThat(system.leaders()).containsExactly(BankAccounts.class, EmailProcess.class);
            assertThat(system.followers()).containsExactly(EmailProcess.class, Auditor.class);
            assertThat(system.leadersOf(Auditor.class)).containsExactly(EmailProcess.class, BankAccounts.class);
            assertThat(system.contains(Auditor.class)).isTrue();
            assertThat(system.contains(Commands.class)).isFalse();
        }

        @Test
        void names_each_edge_once_however_often_the_pipes_repeat_it() {
            EventSourcingSystem system = EventSourcingSystem.of(List.of(BankAccounts.class, EmailProcess.class),
                    List.of(BankAccounts.class, EmailProcess.class));

            assertThat(system.nodes()).hasSize(2);
            assertThat(system.edges()).containsExactly(new Edge(BankAccounts.class, EmailProcess.class));
        }

        @Test
        void allows_followers_to_follow_each_other() {
            EventSourcingSystem system = EventSourcingSystem.of(List.of(Commands.class, Results.class, Commands.class));

            assertThat(system.edges()).containsExactly(new Edge(Commands.class, Results.class),
                    new Edge(Results.class, Commands.class));
            assertThat(system.leaders()).containsExactly(Commands.class, Results.class);
        }

        @Test
        void rejects_a_follower_that_is_not_a_process_application() {
            assertThatThrownBy(() -> EventSourcingSystem.of(List.of(EmailProcess.class, BankAccounts.class)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BankAccounts.class.getName())
                    .hasMessageContaining("ProcessApplication");
        }

        @Test
        void rejects_an_application_following_itself() {
            assertThatThrownBy(() -> EventSourcingSystem.of(List.of(EmailProcess.class, EmailProcess.class)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
        }

        @Test
        void rejects_an_empty_pipe() {
            assertThatThrownBy(() -> EventSourcingSystem.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pipe");
        }
    }

    /** An application a runner cannot construct: it takes no settings. */
    public static final class WithoutSettings extends Application {
        /** On the process environment alone. */
        public WithoutSettings() {
            super(Map.of());
        }
    }
}
