package io.eventsourcing.examples.dcb;

import io.eventsourcing.dcb.DcbApplication;
import io.eventsourcing.dcb.Decision;
import io.eventsourcing.dcb.DecisionModel;
import io.eventsourcing.dcb.Tag;
import io.eventsourcing.dcb.Tags;
import java.util.Map;
import java.util.Optional;

/**
 * User names unique across all accounts (dcb.events, "unique username"): an account is opened with a
 * name no other account holds; a name is freed when its account changes it or is closed. No aggregate
 * holds all names: each decision reads only the events tagged with the names it concerns.
 */
public class Accounts extends DcbApplication {

    // tag::dcb-username-events[]
    public record AccountOpened(@Tag("account") String accountId, @Tag("username") String username) {}
    public record UsernameChanged(@Tag("account") String accountId, @Tag("username") String from,
            @Tag("username") String to) {}
    public record AccountClosed(@Tag("account") String accountId, @Tag("username") String username) {}
    // end::dcb-username-events[]

    /** Refused: the name is held by another account. */
    public static final class UsernameTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsernameTakenException(String username) {
            super("the user name '" + username + "' is taken");
        }
    }

    public Accounts(Map<String, String> env) {
        super(env);
    }

    // tag::dcb-username-model[]
    /** Whether an account holds the name now. */
    static DecisionModel<Boolean> nameTaken(String username) {
        String name = Tags.of("username", username);
        return DecisionModel.initially(false)
                .on(AccountOpened.class, name, (taken, opened) -> true)
                .on(UsernameChanged.class, name, (taken, changed) -> changed.to().equals(username))
                .on(AccountClosed.class, name, (taken, closed) -> false);
    }
    // end::dcb-username-model[]

    /** The account's current name, if it is open. */
    static DecisionModel<Optional<String>> username(String accountId) {
        String account = Tags.of("account", accountId);
        return DecisionModel.<Optional<String>>initially(Optional.empty())
                .on(AccountOpened.class, account, (name, opened) -> Optional.of(opened.username()))
                .on(UsernameChanged.class, account, (name, changed) -> Optional.of(changed.to()))
                .on(AccountClosed.class, account, (name, closed) -> Optional.empty());
    }

    // tag::dcb-username-open[]
    public long open(String accountId, String username) {
        return retry(() -> {
            DecisionModel<Boolean> taken = nameTaken(username);
            Decision decision = decide(taken);
            if (decision.state(taken)) {
                throw new UsernameTakenException(username);
            }
            return append(decision, new AccountOpened(accountId, username));
        });
    }
    // end::dcb-username-open[]

    /**
     * Gives an account another name, freeing its old one.
     *
     * @throws IllegalStateException if the account is not open
     * @throws UsernameTakenException if the new name is held by another account
     */
    public long changeUsername(String accountId, String username) {
        return retry(() -> {
            DecisionModel<Optional<String>> current = username(accountId);
            DecisionModel<Boolean> taken = nameTaken(username);
            Decision decision = decide(current, taken);
            String from = decision.state(current)
                    .orElseThrow(() -> new IllegalStateException("account " + accountId + " is not open"));
            if (decision.state(taken)) {
                throw new UsernameTakenException(username);
            }
            return append(decision, new UsernameChanged(accountId, from, username));
        });
    }

    /**
     * Closes an account, freeing its name.
     *
     * @throws IllegalStateException if the account is not open
     */
    public long closeAccount(String accountId) {
        return retry(() -> {
            DecisionModel<Optional<String>> current = username(accountId);
            Decision decision = decide(current);
            String name = decision.state(current)
                    .orElseThrow(() -> new IllegalStateException("account " + accountId + " is not open"));
            return append(decision, new AccountClosed(accountId, name));
        });
    }

    /** The account's current name, if it is open. */
    public Optional<String> usernameOf(String accountId) {
        DecisionModel<Optional<String>> current = username(accountId);
        return decide(current).state(current);
    }
}
