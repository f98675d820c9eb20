package io.eventsourcing.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.spring.boot.internal.SpringFactory;
import io.eventsourcing.tck.bankaccounts.BankAccount;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The auto-configuration on a SQLite file: tables by Flyway, Spring transactions joined, properties, fail-fast. */
class EventSourcingAutoConfigurationTest {
    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    static class Accounts {
        @Bean
        BankAccounts bankAccounts(EventSourcingApplications applications) {
            return applications.create(BankAccounts::new);
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                        EventSourcingAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db")
                        + "?transaction_mode=IMMEDIATE")
                .withUserConfiguration(Accounts.class);
    }

    @Test
    void applications_use_the_contexts_data_source_with_tables_made_by_flyway() {
        runner().run(context -> {
            BankAccounts accounts = context.getBean(BankAccounts.class);
            assertThat(accounts.factory()).isInstanceOf(SpringFactory.class);
            UUID id = accounts.openAccount("Alice", "alice@example.com");
            accounts.depositFunds(id, new BigDecimal("10.00"));
            assertThat(accounts.getBalance(id)).isEqualByComparingTo("10.00");
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bankaccounts_events", Integer.class)).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT MAX(version) FROM bankaccounts_schema_history WHERE success = 1",
                    String.class)).isEqualTo("1");
        });
        // A second context on the same file finds the account, and Flyway has nothing to do.
        runner().run(context -> {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bankaccounts_events", Integer.class)).isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bankaccounts_schema_history", Integer.class))
                    .isEqualTo(1);
        });
    }

    @Test
    void a_spring_transaction_commits_the_users_rows_and_the_events_together() {
        runner().run(context -> {
            BankAccounts accounts = context.getBean(BankAccounts.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            jdbc.execute("CREATE TABLE customers (name TEXT PRIMARY KEY, account TEXT)");
            List<Recording> announced = new CopyOnWriteArrayList<>();
            accounts.addRecordingListener(announced::addAll);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);

            UUID id = tx.execute(status -> {
                UUID opened = accounts.openAccount("Bob", "bob@example.com");
                jdbc.update("INSERT INTO customers VALUES (?, ?)", "Bob", opened.toString());
                assertThat(announced).as("not announced before the commit").isEmpty();
                assertThat(accounts.getBalance(opened)).as("read inside sees its own write").isZero();
                return opened;
            });
            assertThat(announced).hasSize(1);
            assertThat(accounts.repository().<BankAccount>get(id).fullName()).isEqualTo("Bob");
            assertThat(jdbc.queryForObject("SELECT account FROM customers WHERE name = 'Bob'", String.class))
                    .isEqualTo(id.toString());
        });
    }

    @Test
    void a_spring_transaction_that_throws_leaves_neither_rows_nor_events() {
        runner().run(context -> {
            BankAccounts accounts = context.getBean(BankAccounts.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            jdbc.execute("CREATE TABLE customers (name TEXT PRIMARY KEY, account TEXT)");
            List<Recording> announced = new CopyOnWriteArrayList<>();
            accounts.addRecordingListener(announced::addAll);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);
            UUID[] opened = new UUID[1];

            assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                opened[0] = accounts.openAccount("Carol", "carol@example.com");
                jdbc.update("INSERT INTO customers VALUES (?, ?)", "Carol", opened[0].toString());
                throw new IllegalStateException("payment declined");
            })).hasMessage("payment declined");

            assertThatThrownBy(() -> accounts.repository().get(opened[0])).isInstanceOf(AggregateNotFoundException.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customers", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM bankaccounts_events", Integer.class)).isZero();
            assertThat(announced).as("a rolled-back save is never announced").isEmpty();
            // The thread is out of the transaction: the next save commits on its own.
            UUID next = accounts.openAccount("Dan", "dan@example.com");
            assertThat(announced).hasSize(1);
            assertThat(accounts.repository().contains(next)).isTrue();
        });
    }

    @Test
    void properties_become_variables_and_application_prefixed_ones_win() {
        runner().withPropertyValues("eventsourcing.aggregate-cache-maxsize=5",
                        "eventsourcing.bankaccounts.is-snapshotting-enabled=true", "eventsourcing.other.create-table=true")
                .run(context -> {
                    EventSourcingApplications applications = context.getBean(EventSourcingApplications.class);
                    assertThat(applications.env()).containsEntry("AGGREGATE_CACHE_MAXSIZE", "5")
                            .containsEntry("BANKACCOUNTS_IS_SNAPSHOTTING_ENABLED", "true")
                            .containsEntry("OTHER_CREATE_TABLE", "true")
                            .containsEntry("PERSISTENCE_MODULE", "spring")
                            .containsEntry("CREATE_TABLE", "false");
                    BankAccounts accounts = context.getBean(BankAccounts.class);
                    assertThat(accounts.snapshots()).isPresent();
                    assertThat(accounts.env().getInt("AGGREGATE_CACHE_MAXSIZE", 0)).isEqualTo(5);
                });
    }

    @Test
    void nested_properties_are_variables_too_and_the_spring_ones_are_not() {
        runner().withPropertyValues("eventsourcing.aggregate-cache.maxsize=7", "eventsourcing.flyway.enabled=true",
                        "eventsourcing.web.notification-log.enabled=true", "eventsourcing.observations.enabled=false")
                .run(context -> assertThat(context.getBean(EventSourcingApplications.class).env())
                        .containsEntry("AGGREGATE_CACHE_MAXSIZE", "7")
                        .containsEntry("FLYWAY_ENABLED", "true")
                        .doesNotContainKeys("WEB_NOTIFICATION_LOG_ENABLED", "OBSERVATIONS_ENABLED"));
    }

    @Test
    void a_property_of_the_wrong_type_fails_the_context_naming_it() {
        runner().withPropertyValues("eventsourcing.create-table=maybe").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("eventsourcing.create-table")
                .hasStackTraceContaining("maybe"));
        runner().withPropertyValues("eventsourcing.aggregate-cache.maxsize=lots").run(context -> assertThat(context)
                .getFailure().hasStackTraceContaining("eventsourcing.aggregate-cache.maxsize"));
    }

    @Test
    void a_misspelled_persistence_module_property_fails_the_context_naming_the_setting() {
        runner().withPropertyValues("eventsourcing.persistance-module=memory").run(context -> assertThat(context)
                .getFailure().rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PERSISTANCE_MODULE")
                .hasMessageContaining("PERSISTENCE_MODULE"));
    }

    @Test
    void the_properties_are_described_for_ides_in_the_generated_metadata() throws Exception {
        try (var in = EventSourcingAutoConfiguration.class.getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
            JsonNode metadata = JsonMapper.builder().build().readTree(in);
            Map<String, JsonNode> properties = new HashMap<>();
            metadata.get("properties").forEach(p -> properties.put(p.get("name").asString(), p));

            assertThat(properties).containsKeys("eventsourcing.persistence-module", "eventsourcing.create-table",
                    "eventsourcing.datasource", "eventsourcing.flyway.enabled", "eventsourcing.aggregate-cache.maxsize",
                    "eventsourcing.cipher.key", "eventsourcing.postgres.pool-size", "eventsourcing.sqlite.dbname",
                    "eventsourcing.jdbc.schema", "eventsourcing.web.problem-details.enabled",
                    "eventsourcing.web.notification-log.enabled", "eventsourcing.web.notification-log.path",
                    "eventsourcing.observations.enabled");
            assertThat(properties.values()).allSatisfy(p -> assertThat(p.path("description").asString())
                    .as("description of %s", p.get("name")).isNotBlank().doesNotContain("{@"));
            assertThat(properties.get("eventsourcing.persistence-module").get("defaultValue").asString())
                    .isEqualTo("spring");
        }
    }

    @Test
    void another_persistence_module_needs_no_data_source() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class))
                .withPropertyValues("eventsourcing.persistence-module=memory")
                .withUserConfiguration(Accounts.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    BankAccounts accounts = context.getBean(BankAccounts.class);
                    UUID id = accounts.openAccount("Eve", "eve@example.com");
                    assertThat(accounts.repository().contains(id)).isTrue();
                });
    }

    @Test
    void no_data_source_fails_the_context_saying_what_to_set() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class))
                .withUserConfiguration(Accounts.class)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("need a DataSource and the context has none")
                        .hasMessageContaining("spring.datasource.url"));
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @Bean
        DataSource first(@org.springframework.beans.factory.annotation.Value("${test.dir}") String dir) {
            return sqlite(dir + "/first.db");
        }

        @Bean
        DataSource second(@org.springframework.beans.factory.annotation.Value("${test.dir}") String dir) {
            return sqlite(dir + "/second.db");
        }

        private static DataSource sqlite(String file) {
            org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
            dataSource.setUrl("jdbc:sqlite:" + file);
            return dataSource;
        }
    }

    @Test
    void two_data_sources_need_the_qualifier_property() {
        ApplicationContextRunner twoSources = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EventSourcingAutoConfiguration.class))
                .withPropertyValues("test.dir=" + dir)
                .withUserConfiguration(TwoDataSources.class, Accounts.class);
        twoSources.run(context -> assertThat(context).getFailure().rootCause()
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("has 2 (first, second)")
                .hasMessageContaining("set eventsourcing.datasource"));
        twoSources.withPropertyValues("eventsourcing.datasource=second").run(context -> {
            BankAccounts accounts = context.getBean(BankAccounts.class);
            accounts.openAccount("Fay", "fay@example.com");
            JdbcTemplate second = new JdbcTemplate(context.getBean("second", DataSource.class));
            assertThat(second.queryForObject("SELECT COUNT(*) FROM bankaccounts_events", Integer.class)).isEqualTo(1);
        });
        twoSources.withPropertyValues("eventsourcing.datasource=third").run(context -> assertThat(context)
                .getFailure().hasRootCauseInstanceOf(org.springframework.beans.factory.NoSuchBeanDefinitionException.class)
                .hasStackTraceContaining("eventsourcing.datasource names 'third', but there is no DataSource bean "
                        + "of that name; DataSource beans: first, second"));
    }

    @Test
    void missing_tables_without_migrations_fail_the_context_naming_the_table() {
        runner().withPropertyValues("eventsourcing.flyway-enabled=false").run(context -> assertThat(context)
                .getFailure().rootCause()
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("the table bankaccounts_events does not exist")
                .hasMessageContaining("CREATE_TABLE is false")
                .hasMessageContaining("FLYWAY_ENABLED=false"));
        runner().withPropertyValues("eventsourcing.flyway-enabled=false", "eventsourcing.create-table=true")
                .run(context -> {
                    BankAccounts accounts = context.getBean(BankAccounts.class);
                    accounts.openAccount("Gus", "gus@example.com");
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                            + "'bankaccounts_schema_history'", Integer.class)).isZero();
                });
    }
}
