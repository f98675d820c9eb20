package io.eventsourcing.examples.dcb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.examples.dcb.Accounts.UsernameTakenException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountsTest {
    private final Accounts accounts = new Accounts(Map.of("PERSISTENCE_MODULE", "memory"));

    @AfterEach
    void close() {
        accounts.close();
    }

    @Test
    void a_name_held_by_one_account_is_refused_to_another() {
        accounts.open("a1", "ada");

        assertThatThrownBy(() -> accounts.open("a2", "ada")).isInstanceOf(UsernameTakenException.class)
                .hasMessage("the user name 'ada' is taken");
        accounts.open("a2", "grace");
        assertThat(accounts.usernameOf("a2")).contains("grace");
    }

    @Test
    void a_changed_name_frees_the_old_one_and_takes_the_new_one() {
        accounts.open("a1", "ada");
        accounts.open("a2", "grace");

        assertThatThrownBy(() -> accounts.changeUsername("a1", "grace")).isInstanceOf(UsernameTakenException.class);
        accounts.changeUsername("a1", "lovelace");

        assertThat(accounts.usernameOf("a1")).contains("lovelace");
        accounts.open("a3", "ada");
        assertThatThrownBy(() -> accounts.open("a4", "lovelace")).isInstanceOf(UsernameTakenException.class);
    }

    @Test
    void a_closed_account_frees_its_name() {
        accounts.open("a1", "ada");
        accounts.closeAccount("a1");

        assertThat(accounts.usernameOf("a1")).isEmpty();
        accounts.open("a2", "ada");
        assertThatThrownBy(() -> accounts.closeAccount("a1")).hasMessageContaining("account a1 is not open");
    }

    @Test
    void of_many_accounts_racing_for_one_name_in_a_database_exactly_one_gets_it(@TempDir Path directory)
            throws Exception {
        int racers = 8;
        try (Accounts shared = new Accounts(Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME",
                directory.resolve("accounts.db").toString()))) {
            CyclicBarrier start = new CyclicBarrier(racers);
            List<Future<Boolean>> won = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
                for (int i = 0; i < racers; i++) {
                    String account = "a" + i;
                    won.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            shared.open(account, "ada");
                            return true;
                        } catch (UsernameTakenException e) {
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> result : won) {
                    winners += result.get() ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            }
            assertThat(shared.recorder().head()).isEqualTo(1);
        }
    }
}
