package io.eventsourcing.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.tck.Databases;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import java.math.BigDecimal;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On MariaDB: Spring Boot's pool is given READ COMMITTED, an isolation level the app set is checked, and
 * a Spring transaction that reads before it saves works.
 */
class MariaDbSpringTest {
    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/es_spring";

    @Configuration(proxyBeanMethods = false)
    static class Accounts {
        @Bean
        BankAccounts bankAccounts(EventSourcingApplications applications) {
            return applications.create(BankAccounts::new);
        }
    }

    @BeforeEach
    void emptyDatabase() {
        Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
        Databases.execute("jdbc:mariadb://127.0.0.1:3306/test", "root", "", "DROP DATABASE IF EXISTS es_spring",
                "CREATE DATABASE es_spring");
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        EventSourcingAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + URL, "spring.datasource.username=root")
                .withUserConfiguration(Accounts.class);
    }

    @Test
    void spring_boots_pool_is_given_read_committed_when_the_app_sets_no_isolation() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(com.zaxxer.hikari.HikariDataSource.class).getTransactionIsolation())
                    .isEqualTo("TRANSACTION_READ_COMMITTED");
        });
    }

    @Test
    void connections_at_repeatable_read_set_by_the_app_fail_the_context_saying_what_to_set() {
        runner().withPropertyValues("spring.datasource.hikari.transaction-isolation=TRANSACTION_REPEATABLE_READ")
                .run(context -> assertThat(context).getFailure().rootCause()
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("need TRANSACTION_READ_COMMITTED")
                .hasMessageContaining("spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED"));
    }

    @Test
    void at_read_committed_a_transaction_that_reads_before_it_saves_numbers_after_a_concurrent_commit() {
        runner().withPropertyValues("spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED")
                .run(context -> {
                    BankAccounts accounts = context.getBean(BankAccounts.class);
                    UUID first = accounts.openAccount("Alice", "alice@example.com");
                    TransactionTemplate tx = context.getBean(TransactionTemplate.class);

                    tx.executeWithoutResult(status -> {
                        assertThat(accounts.getBalance(first)).isZero();              // reads first
                        Thread other = Thread.ofPlatform().start(() -> accounts.openAccount("Bob", "bob@example.com"));
                        try {
                            other.join();                                             // commits id 2 meanwhile
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        accounts.depositFunds(first, BigDecimal.TEN);                  // then saves: id 3
                    });

                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForList("SELECT notification_id FROM bankaccounts_events ORDER BY 1",
                            Long.class)).containsExactly(1L, 2L, 3L);
                });
    }
}
