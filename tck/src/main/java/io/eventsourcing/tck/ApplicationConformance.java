package io.eventsourcing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.application.Application;
import io.eventsourcing.application.RecordConflictException;
import io.eventsourcing.application.Section;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Snapshot;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.tck.bankaccounts.AccountClosedException;
import io.eventsourcing.tck.bankaccounts.BankAccount;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import io.eventsourcing.tck.bankaccounts.InsufficientFundsException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The application layer on a backend, with the {@link BankAccounts} fixture: commands, queries and
 * errors; the notification log; snapshots taken by hand and automatically; the recordings
 * {@code save} returns; optimistic concurrency ({@link RecordConflictException}); the aggregate cache
 * with fast-forwarding, also under 100 threads saving one aggregate; and discarded aggregates. Ported
 * from pyeventsourcing's {@code ExampleApplicationTestCase} and {@code ApplicationTestCase}.
 *
 * <p>A backend runs it by giving the settings that select it:
 *
 * <pre>{@code
 * class SqliteApplicationTest extends ApplicationConformance {
 *     @Override protected Map<String, String> env() {
 *         return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", ":memory:");
 *     }
 * }
 * }</pre>
 *
 * Each test makes one or two applications named {@code BankAccounts} from these settings, expects
 * their store to be empty (the first event gets notification id 1), and closes them after it. A
 * backend whose store outlives an application (a database) empties it between tests itself.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class ApplicationConformance {
    private final List<Application> applications = new ArrayList<>();

    /** For subclasses. */
    protected ApplicationConformance() {}

    /** The backend's settings, including {@code PERSISTENCE_MODULE}. */
    protected abstract Map<String, String> env();

    /** A new {@link BankAccounts} on the backend, closed after the test. */
    protected final BankAccounts bankAccounts() {
        return bankAccounts(Map.of());
    }

    /** A new {@link BankAccounts} on the backend with some settings added or replaced, closed after the test. */
    protected final BankAccounts bankAccounts(Map<String, String> more) {
        return application(BankAccounts::new, more);
    }

    private <A extends Application> A application(Function<Map<String, String>, A> constructor,
            Map<String, String> more) {
        Map<String, String> env = new HashMap<>(env());
        env.putAll(more);
        A application = constructor.apply(env);
        applications.add(application);
        return application;
    }

    @AfterEach
    final void closeApplications() {
        for (Application application : applications.reversed()) {
            application.close();
        }
        applications.clear();
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    /** Commands, queries and the errors of the bank accounts. */
    @Nested
    class Accounts {

        @Test
        void opens_an_account_and_sums_deposits_keeping_the_scale() {
            BankAccounts app = bankAccounts();
            UUID id = app.openAccount("Alice", "alice@example.com");

            BankAccount opened = app.repository().get(BankAccount.class, id);
            assertThat(opened.fullName()).isEqualTo("Alice");
            assertThat(opened.emailAddress()).isEqualTo("alice@example.com");
            assertThat(opened.version()).isEqualTo(1);
            assertThat(app.getBalance(id)).isEqualTo(money("0.00"));

            app.depositFunds(id, money("10.00"));
            app.depositFunds(id, money("25.00"));
            app.depositFunds(id, money("30.00"));

            assertThat(app.getBalance(id)).isEqualTo(money("65.00"));
            assertThat(app.repository().<BankAccount>get(id).version()).isEqualTo(4);
        }

        @Test
        void withdraws_funds() {
            BankAccounts app = bankAccounts();
            UUID id = app.openAccount("Alice", "alice@example.com");
            app.depositFunds(id, money("100.00"));

            app.withdrawFunds(id, money("30.50"));

            assertThat(app.getBalance(id)).isEqualTo(money("69.50"));
        }

        @Test
        void transfers_funds_between_accounts_in_one_save() {
            BankAccounts app = bankAccounts();
            UUID alice = app.openAccount("Alice", "alice@example.com");
            UUID bob = app.openAccount("Bob", "bob@example.com");
            app.depositFunds(alice, money("100.00"));
            long before = app.recorder().maxNotificationId();

            app.transferFunds(alice, bob, money("40.00"));

            assertThat(app.getBalance(alice)).isEqualTo(money("60.00"));
            assertThat(app.getBalance(bob)).isEqualTo(money("40.00"));
            List<Notification> recorded = app.recorder().selectNotifications(before + 1, 10);
            assertThat(recorded).extracting(Notification::id).containsExactly(before + 1, before + 2);
            assertThat(recorded).extracting(Notification::originatorId).containsExactlyInAnyOrder(alice, bob);
        }

        @Test
        void refuses_a_withdrawal_beyond_the_overdraft_limit_and_records_nothing() {
            BankAccounts app = bankAccounts();
            UUID alice = app.openAccount("Alice", "alice@example.com");
            UUID bob = app.openAccount("Bob", "bob@example.com");
            app.depositFunds(alice, money("20.00"));
            long before = app.recorder().maxNotificationId();

            assertThatThrownBy(() -> app.withdrawFunds(alice, money("25.00")))
                    .isInstanceOf(InsufficientFundsException.class);
            assertThatThrownBy(() -> app.transferFunds(alice, bob, money("20.01")))
                    .isInstanceOf(InsufficientFundsException.class);

            assertThat(app.getBalance(alice)).isEqualTo(money("20.00"));
            assertThat(app.getBalance(bob)).isEqualTo(money("0.00"));
            assertThat(app.recorder().maxNotificationId()).isEqualTo(before);
        }

        @Test
        void lets_the_balance_go_down_to_minus_the_overdraft_limit() {
            BankAccounts app = bankAccounts();
            UUID id = app.openAccount("Alice", "alice@example.com");
            app.depositFunds(id, money("20.00"));

            app.setOverdraftLimit(id, money("10.00"));
            app.withdrawFunds(id, money("25.00"));

            assertThat(app.getOverdraftLimit(id)).isEqualTo(money("10.00"));
            assertThat(app.getBalance(id)).isEqualTo(money("-5.00"));
            assertThatThrownBy(() -> app.withdrawFunds(id, money("5.01")))
                    .isInstanceOf(InsufficientFundsException.class);
            app.withdrawFunds(id, money("5.00"));
            assertThat(app.getBalance(id)).isEqualTo(money("-10.00"));
        }

        @Test
        void refuses_transactions_on_a_closed_account() {
            BankAccounts app = bankAccounts();
            UUID id = app.openAccount("Alice", "alice@example.com");
            app.depositFunds(id, money("10.00"));

            app.closeAccount(id);

            assertThatThrownBy(() -> app.depositFunds(id, money("1.00"))).isInstanceOf(AccountClosedException.class);
            assertThatThrownBy(() -> app.withdrawFunds(id, money("1.00"))).isInstanceOf(AccountClosedException.class);
            assertThatThrownBy(() -> app.setOverdraftLimit(id, money("1.00")))
                    .isInstanceOf(AccountClosedException.class);
            assertThatThrownBy(() -> app.closeAccount(id)).isInstanceOf(AccountClosedException.class);
            assertThat(app.getAccount(id).isClosed()).isTrue();
            assertThat(app.getBalance(id)).isEqualTo(money("10.00"));
            assertThat(app.getAccount(id).version()).isEqualTo(3);
        }

        @Test
        void an_unknown_account_is_not_found() {
            BankAccounts app = bankAccounts();
            UUID unknown = UUID.randomUUID();

            assertThatThrownBy(() -> app.getBalance(unknown)).isInstanceOf(AggregateNotFoundException.class);
            assertThatThrownBy(() -> app.depositFunds(unknown, money("1.00")))
                    .isInstanceOf(AggregateNotFoundException.class);
            assertThatThrownBy(() -> app.repository().get(unknown, 1)).isInstanceOf(AggregateNotFoundException.class);
            assertThat(app.repository().contains(unknown)).isFalse();
        }

        @Test
        void the_notification_log_holds_the_events_in_sections() {
            BankAccounts app = bankAccounts();
            UUID id = app.openAccount("Alice", "alice@example.com");
            app.depositFunds(id, money("10.00"));
            app.depositFunds(id, money("25.00"));
            app.depositFunds(id, money("30.00"));

            Section section = app.notificationLog().section("1,10");

            assertThat(section.items()).hasSize(4);
            assertThat(section.items()).extracting(Notification::id).containsExactly(1L, 2L, 3L, 4L);
            assertThat(section.items()).extracting(Notification::originatorId).containsOnly(id);
            assertThat(section.id()).isEqualTo("1,4");
            assertThat(section.nextId()).isNull();
            assertThat(section.items().getFirst().topic()).isEqualTo(Topics.of(BankAccount.Opened.class));
            DomainEvent second = app.mapper().toDomainEvent(section.items().get(1).toStoredEvent());
            assertThat(second.payload()).isEqualTo(new BankAccount.TransactionAppended(money("10.00")));
        }
    }

    /** What save returns and how it conflicts. */
    @Nested
    class Saving {

        @Test
        void save_returns_recordings_with_the_notification_ids() {
            BankAccounts app = bankAccounts();
            assertThat(app.save()).isEmpty();

            BankAccount a = BankAccount.open("Alice", "alice@example.com");
            assertThat(app.save(a)).extracting(Recording::notificationId).containsExactly(1L);
            assertThat(app.save(a)).as("saving again with nothing pending").isEmpty();

            a.appendTransaction(money("10.00"));
            assertThat(app.save(a)).extracting(Recording::notificationId).containsExactly(2L);

            BankAccount b = BankAccount.open("Bob", "bob@example.com");
            BankAccount c = BankAccount.open("Carol", "carol@example.com");
            List<Recording> recordings = app.save(b, c);
            assertThat(recordings).extracting(Recording::notificationId).containsExactly(3L, 4L);
            assertThat(recordings).extracting(r -> r.domainEvent().originatorId()).containsExactly(b.id(), c.id());
            assertThat(recordings.getFirst().domainEvent().payload())
                    .isEqualTo(new BankAccount.Opened("Bob", "bob@example.com"));
        }

        @Test
        void a_second_copy_of_an_aggregate_cannot_overwrite_the_first() {
            BankAccounts app = bankAccounts();
            UUID id = app.openAccount("Alice", "alice@example.com");
            BankAccount copy1 = app.getAccount(id);
            BankAccount copy2 = app.getAccount(id);
            copy1.appendTransaction(money("10.00"));
            app.save(copy1);
            copy2.appendTransaction(money("20.00"));

            assertThatThrownBy(() -> app.save(copy2)).isInstanceOf(RecordConflictException.class);

            assertThat(copy2.pendingEvents()).as("the events of the failed save").hasSize(1);
            assertThat(app.getBalance(id)).isEqualTo(money("10.00"));
            BankAccount fresh = app.getAccount(id);
            fresh.appendTransaction(money("20.00"));
            app.save(fresh);
            assertThat(app.getBalance(id)).isEqualTo(money("30.00"));
        }

        @Test
        void a_conflict_in_one_aggregate_records_nothing_of_the_others_in_the_same_save() {
            BankAccounts app = bankAccounts();
            UUID alice = app.openAccount("Alice", "alice@example.com");
            UUID bob = app.openAccount("Bob", "bob@example.com");
            BankAccount staleAlice = app.getAccount(alice);
            app.depositFunds(alice, money("1.00"));
            BankAccount freshBob = app.getAccount(bob);
            staleAlice.appendTransaction(money("5.00"));
            freshBob.appendTransaction(money("5.00"));

            assertThatThrownBy(() -> app.save(freshBob, staleAlice)).isInstanceOf(RecordConflictException.class);

            assertThat(app.getBalance(bob)).isEqualTo(money("0.00"));
            assertThat(app.getBalance(alice)).isEqualTo(money("1.00"));
        }
    }

    /** Snapshots, by hand and automatic. */
    @Nested
    class Snapshotting {

        @Test
        void snapshots_taken_at_a_version_and_at_the_current_version_serve_later_gets() {
            BankAccounts app = bankAccounts();
            UUID id = app.openAccount("Alice", "alice@example.com");
            app.depositFunds(id, money("10.00"));
            app.depositFunds(id, money("25.00"));
            app.depositFunds(id, money("30.00"));

            app.takeSnapshot(id, 2);

            assertThat(snapshotVersions(app, id)).containsExactly(2L);
            BankAccount atThree = app.repository().get(id, 3);
            assertThat(atThree.version()).isEqualTo(3);
            assertThat(atThree.balance()).isEqualTo(money("35.00"));

            app.takeSnapshot(id);

            assertThat(snapshotVersions(app, id)).containsExactly(2L, 4L);
            BankAccount current = app.repository().get(id);
            assertThat(current.version()).isEqualTo(4);
            assertThat(current.balance()).isEqualTo(money("65.00"));
            assertThat(current.fullName()).isEqualTo("Alice");
            BankAccount atTwo = app.repository().get(id, 2);
            assertThat(atTwo.balance()).isEqualTo(money("10.00"));
        }

        @Test
        void takes_automatic_snapshots_at_every_interval() {
            BankAccounts app = application(SnapshottingEveryFifthVersion::new, Map.of());
            UUID id = app.openAccount("Alice", "alice@example.com");
            for (int i = 0; i < 12; i++) {
                app.depositFunds(id, money("1.00"));
            }

            assertThat(snapshotVersions(app, id)).containsExactly(5L, 10L);
            BankAccount current = app.getAccount(id);
            assertThat(current.version()).isEqualTo(13);
            assertThat(current.balance()).isEqualTo(money("12.00"));
            assertThat(app.repository().<BankAccount>get(id, 7).balance()).isEqualTo(money("6.00"));
        }

        private static List<Long> snapshotVersions(Application app, UUID id) {
            return app.snapshots().orElseThrow().get(id).stream().map(Snapshot::originatorVersion).toList();
        }
    }

    /** The repository's cache ({@code AGGREGATE_CACHE_MAXSIZE}) with fast-forwarding. */
    @Nested
    class Caching {

        @Test
        void a_stale_cached_aggregate_is_fast_forwarded_on_get() {
            BankAccounts app = bankAccounts(Map.of(Application.AGGREGATE_CACHE_MAXSIZE, "10"));
            UUID id = app.openAccount("Alice", "alice@example.com");
            BankAccount first = app.getAccount(id);
            first.appendTransaction(money("5.00"));
            app.save(first);

            BankAccount second = app.getAccount(id);

            assertThat(second).isNotSameAs(first);
            assertThat(second.version()).isEqualTo(2);
            assertThat(second.balance()).isEqualTo(money("5.00"));
            second.appendTransaction(money("7.00"));
            app.save(second);
            assertThat(app.getAccount(id).version()).isEqualTo(3);
            assertThat(app.getBalance(id)).isEqualTo(money("12.00"));
        }

        @Test
        void changing_a_copy_without_saving_leaves_the_cached_aggregate_alone() {
            BankAccounts app = bankAccounts(Map.of(Application.AGGREGATE_CACHE_MAXSIZE, "10"));
            UUID id = app.openAccount("Alice", "alice@example.com");
            app.depositFunds(id, money("3.00"));

            BankAccount copy = app.getAccount(id);
            copy.appendTransaction(money("100.00"));

            BankAccount again = app.getAccount(id);
            assertThat(again.version()).isEqualTo(2);
            assertThat(again.balance()).isEqualTo(money("3.00"));
        }

        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        void a_hundred_threads_saving_one_cached_aggregate_lose_no_deposit() throws Exception {
            BankAccounts app = bankAccounts(Map.of(Application.AGGREGATE_CACHE_MAXSIZE, "10"));
            UUID id = app.openAccount("Alice", "alice@example.com");
            int threads = 100;
            int maxAttempts = 10_000;
            CountDownLatch start = new CountDownLatch(1);
            List<BigDecimal> deposited = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<BigDecimal>> results = new ArrayList<>();
                for (int i = 1; i <= threads; i++) {
                    BigDecimal amount = BigDecimal.valueOf(i, 2);
                    results.add(pool.submit(() -> {
                        assertThat(start.await(60, TimeUnit.SECONDS)).isTrue();
                        long lastSeen = 0;
                        for (int attempt = 0; attempt < maxAttempts; attempt++) {
                            BankAccount account = app.getAccount(id);
                            if (account.version() < lastSeen) {
                                throw new AssertionError("get went back from version " + lastSeen + " to "
                                        + account.version());
                            }
                            lastSeen = account.version();
                            account.appendTransaction(amount);
                            try {
                                app.save(account);
                                return amount;
                            } catch (RecordConflictException e) {
                                // Another thread saved first: get the account again and retry.
                            }
                        }
                        throw new AssertionError("no save succeeded in " + maxAttempts + " attempts");
                    }));
                }
                start.countDown();
                for (Future<BigDecimal> result : results) {
                    deposited.add(result.get());
                }
            }

            BigDecimal sum = deposited.stream().reduce(money("0.00"), BigDecimal::add);
            BankAccount account = app.getAccount(id);
            assertThat(account.version()).isEqualTo(1 + threads);
            assertThat(account.balance()).isEqualTo(sum);
            List<BigDecimal> recordedAmounts = app.events().get(id).stream()
                    .map(DomainEvent::payload)
                    .filter(BankAccount.TransactionAppended.class::isInstance)
                    .map(p -> ((BankAccount.TransactionAppended) p).amount())
                    .toList();
            assertThat(recordedAmounts).containsExactlyInAnyOrderElementsOf(deposited);
            BankAccount uncached = app.repository().get(id, 1L + threads);
            assertThat(uncached.balance()).isEqualTo(sum);
        }
    }

    /** Discarded aggregates. */
    @Nested
    class Discarding {

        @Test
        void a_discarded_account_is_gone() {
            BankAccounts app = bankAccounts();
            UUID id = app.openAccount("Alice", "alice@example.com");
            app.depositFunds(id, money("10.00"));
            assertThat(app.repository().contains(id)).isTrue();

            app.discardAccount(id);

            assertThat(app.repository().contains(id)).isFalse();
            assertThatThrownBy(() -> app.repository().get(id)).isInstanceOf(AggregateNotFoundException.class);
            assertThatThrownBy(() -> app.getBalance(id)).isInstanceOf(AggregateNotFoundException.class);
            assertThat(app.notificationLog().section("1,10").items()).as("the log keeps every event").hasSize(3);
            assertThat(app.repository().<BankAccount>get(id, 2).balance()).isEqualTo(money("10.00"));
        }

        @Test
        void a_discarded_account_is_gone_from_the_cache_too() {
            BankAccounts app = bankAccounts(Map.of(Application.AGGREGATE_CACHE_MAXSIZE, "10"));
            UUID id = app.openAccount("Alice", "alice@example.com");
            assertThat(app.getAccount(id).version()).isEqualTo(1);

            app.discardAccount(id);

            assertThat(app.repository().contains(id)).isFalse();
            assertThatThrownBy(() -> app.getAccount(id)).isInstanceOf(AggregateNotFoundException.class);
        }
    }

    /** The fixture with automatic snapshots every fifth version; it keeps the name (and tables) of BankAccounts. */
    private static final class SnapshottingEveryFifthVersion extends BankAccounts {
        SnapshottingEveryFifthVersion(Map<String, String> env) {
            super(env);
        }

        @Override
        public String name() {
            return "BankAccounts";
        }

        @Override
        protected Map<Class<? extends Aggregate<?>>, Integer> snapshottingIntervals() {
            return Map.<Class<? extends Aggregate<?>>, Integer>of(BankAccount.class, 5);
        }
    }
}
