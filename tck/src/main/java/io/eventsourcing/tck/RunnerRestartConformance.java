package io.eventsourcing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.Runner;
import io.eventsourcing.system.SingleThreadedRunner;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import io.eventsourcing.tck.system.EmailProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A runner on a store that outlives it and that other application instances share: at start,
 * followers catch up with the events their leaders recorded while nothing followed them; a runner
 * started again later on the same store processes only what is new, nothing twice, because each
 * follower resumes after its recorded tracking position; and events another instance of a leader
 * records (as another process would) reach the running followers: the multi-threaded runner's are
 * woken by the store (PostgreSQL's LISTEN/NOTIFY, or polling), the single-threaded runner's at
 * their leader's next save. Ported from pyeventsourcing's catch-up test of outstanding
 * notifications.
 *
 * <p>Only backends whose store survives its applications extend it (the in-memory backend declines by
 * not extending it). Like {@link RunnerConformance}, a backend runs it once per runner:
 *
 * <pre>{@code
 * class SqliteSingleThreadedRestartTest extends RunnerRestartConformance {
 *     @Override protected Map<String, String> env() {
 *         return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", file);
 *     }
 *     @Override protected Runner runner(EventSourcingSystem system, Map<String, String> env) {
 *         return new SingleThreadedRunner(system, env);
 *     }
 * }
 * }</pre>
 *
 * Each test expects the store to be empty at its start; the backend empties it between tests.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(60)
public abstract class RunnerRestartConformance {
    private static final EventSourcingSystem ACCOUNTS_AND_EMAILS = EventSourcingSystem.of(
            List.of(BankAccounts.class, EmailProcess.class));

    private final List<Runner> runners = new ArrayList<>();

    /** For subclasses. */
    protected RunnerRestartConformance() {}

    /** The backend's settings, including {@code PERSISTENCE_MODULE}; every application of a test shares the store. */
    protected abstract Map<String, String> env();

    /** A new, unstarted runner of the kind under test. */
    protected abstract Runner runner(EventSourcingSystem system, Map<String, String> env);

    private Runner start() {
        Runner runner = runner(ACCOUNTS_AND_EMAILS, env());
        runners.add(runner);
        runner.start();
        return runner;
    }

    /** Opens accounts in a {@code BankAccounts} of its own, while no runner follows it. */
    private void openAccountsUnfollowed(String... addresses) {
        try (BankAccounts accounts = new BankAccounts(env())) {
            for (String address : addresses) {
                accounts.openAccount("Holder", address);
            }
        }
    }

    @AfterEach
    final void stopRunners() {
        for (Runner runner : runners.reversed()) {
            runner.stop();
        }
        runners.clear();
    }

    @Test
    void catches_up_at_start_with_the_events_recorded_before() {
        openAccountsUnfollowed("alice@example.com", "bob@example.com");

        Runner runner = start();

        runner.waitFor(EmailProcess.class, BankAccounts.class, 2, RunnerConformance.TIMEOUT);
        EmailProcess emails = runner.get(EmailProcess.class);
        assertThat(emails.recipients()).containsExactly("alice@example.com", "bob@example.com");
        assertThat(emails.recorder().maxTrackingId("BankAccounts"))
                .isEqualTo(runner.get(BankAccounts.class).recorder().maxNotificationId()).isEqualTo(2);
        assertThat(emails.policyCalls()).isEqualTo(2);
    }

    @Test
    void a_runner_started_again_processes_only_what_is_new_and_nothing_twice() {
        Runner first = start();
        BankAccounts accounts = first.get(BankAccounts.class);
        accounts.openAccount("Holder", "holder1@example.com");
        accounts.openAccount("Holder", "holder2@example.com");
        accounts.openAccount("Holder", "holder3@example.com");
        first.waitFor(EmailProcess.class, BankAccounts.class, 3, RunnerConformance.TIMEOUT);
        first.stop();
        openAccountsUnfollowed("holder4@example.com", "holder5@example.com");

        Runner second = start();

        second.waitFor(EmailProcess.class, BankAccounts.class, 5, RunnerConformance.TIMEOUT);
        EmailProcess emails = second.get(EmailProcess.class);
        assertThat(emails.policyCalls()).as("policy calls after the restart").isEqualTo(2);
        assertThat(emails.recipients()).containsExactly("holder1@example.com", "holder2@example.com",
                "holder3@example.com", "holder4@example.com", "holder5@example.com");
        assertThat(emails.recorder().maxTrackingId("BankAccounts")).isEqualTo(5);

        second.get(BankAccounts.class).openAccount("Holder", "holder6@example.com");

        second.waitFor(EmailProcess.class, BankAccounts.class, 6, RunnerConformance.TIMEOUT);
        assertThat(emails.policyCalls()).isEqualTo(3);
        assertThat(emails.recipients()).hasSize(6).endsWith("holder6@example.com");
    }

    @Test
    void running_followers_receive_the_events_another_instance_of_their_leader_records() {
        Runner runner = start();
        EmailProcess emails = runner.get(EmailProcess.class);

        openAccountsUnfollowed("alice@example.com");

        switch (runner) {
            case SingleThreadedRunner single ->
                assertThat(emails.recipients()).as("before the runner's own leader saves").isEmpty();
            case MultiThreadedRunner multi ->
                runner.waitFor(EmailProcess.class, BankAccounts.class, 1, RunnerConformance.TIMEOUT);
        }
        runner.get(BankAccounts.class).openAccount("Holder", "bob@example.com");
        runner.waitFor(EmailProcess.class, BankAccounts.class, 2, RunnerConformance.TIMEOUT);
        assertThat(emails.recipients()).containsExactly("alice@example.com", "bob@example.com");
    }
}
