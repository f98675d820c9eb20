package io.eventsourcing.benchmarks;

import io.eventsourcing.application.Application;
import io.eventsourcing.persistence.Recording;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The application under test. Its name is fixed ("Bench", tables {@code bench_events} and
 * {@code bench_snapshots}) so that several instances, with and without snapshotting, share the same
 * tables on a SQL backend.
 */
public final class Bench extends Application {

    /** @param env the backend's settings, see {@link Backend#env} */
    public Bench(Map<String, String> env) {
        super(env);
    }

    @Override
    public String name() {
        return "Bench";
    }

    /** Opens a new account: one event, one insert transaction. */
    public List<Recording> openAccount(UUID id) {
        return save(Account.open(id, "owner-" + id.toString().substring(0, 8)));
    }

    /** Opens an account and credits it {@code events - 1} times, saved in one insert. */
    public List<Recording> openAccountWithEvents(UUID id, int events) {
        Account account = Account.open(id, "owner-" + id.toString().substring(0, 8));
        for (int i = 1; i < events; i++) {
            account.credit(i, "ref-" + i);
        }
        return save(account);
    }

    /** The command: get the account, credit it, save it (one new event). */
    public void credit(UUID id, long amountCents) {
        Account account = repository().get(id);
        account.credit(amountCents, "ref-" + account.version());
        save(account);
    }

    /** The query: load the account. */
    public Account account(UUID id) {
        return repository().get(id);
    }
}
