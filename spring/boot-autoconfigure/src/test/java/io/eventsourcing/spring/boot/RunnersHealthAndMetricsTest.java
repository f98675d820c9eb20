package io.eventsourcing.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.application.Application;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.Runner;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import io.eventsourcing.tck.system.EmailProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A runner bean started and stopped with the context; the health indicator and the meters. */
class RunnersHealthAndMetricsTest {
    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    static class EmailSystem {
        @Bean
        BankAccounts bankAccounts(EventSourcingApplications applications) {
            return applications.create(BankAccounts::new);
        }

        @Bean
        MultiThreadedRunner runner(EventSourcingApplications applications) {
            return new MultiThreadedRunner(EventSourcingSystem.of(List.of(BankAccounts.class, EmailProcess.class)),
                    applications.env());
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        EventSourcingAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db")
                        + "?transaction_mode=IMMEDIATE")
                .withUserConfiguration(EmailSystem.class);
    }

    @Test
    void the_runner_starts_with_the_context_and_stops_with_it() {
        Runner[] kept = new Runner[1];
        runner().run(context -> {
            Runner runner = context.getBean(Runner.class);
            kept[0] = runner;
            assertThat(runner.isRunning()).isTrue();
            // The runner's applications share the context's database with the application bean.
            BankAccounts accounts = context.getBean(BankAccounts.class);
            UUID id = accounts.openAccount("Alice", "alice@example.com");
            long notificationId = accounts.recorder().maxNotificationId();
            runner.waitFor(EmailProcess.class, BankAccounts.class, notificationId, Duration.ofSeconds(10));
            assertThat(runner.get(BankAccounts.class).repository().contains(id)).isTrue();
        });
        assertThat(kept[0].isRunning()).isFalse();
    }

    @Test
    void health_is_up_with_each_applications_newest_id_and_each_followers_lag() {
        runner().run(context -> {
            BankAccounts accounts = context.getBean(BankAccounts.class);
            accounts.openAccount("Bob", "bob@example.com");
            Runner runner = context.getBean(Runner.class);
            runner.waitFor(EmailProcess.class, BankAccounts.class, 1, Duration.ofSeconds(10));
            EventSourcingHealthIndicator health = context.getBean(EventSourcingHealthIndicator.class);

            var result = health.health();
            assertThat(result.getStatus()).isEqualTo(Status.UP);
            assertThat(result.getDetails()).containsEntry("notifications", Map.of("BankAccounts", 1L));
            assertThat(result.getDetails()).containsEntry("followers",
                    Map.of("EmailProcess<-BankAccounts", Map.of("state", "running", "lag", 0L)));

            runner.stop();
            assertThat(health.health().getStatus()).as("a stopped runner in a running context").isEqualTo(Status.DOWN);
        });
    }

    @Test
    void meters_time_saves_and_loads_count_events_and_gauge_the_lag() {
        runner().run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(EventSourcingMetrics.class).bindTo(registry);
            BankAccounts accounts = context.getBean(BankAccounts.class);

            UUID id = accounts.openAccount("Carol", "carol@example.com");
            accounts.depositFunds(id, java.math.BigDecimal.TEN);
            // The process follows only Opened, notification 1; the deposit (2) is not waiting for it.
            context.getBean(Runner.class).waitFor(EmailProcess.class, BankAccounts.class, 1, Duration.ofSeconds(10));

            assertThat(registry.get("eventsourcing.save").tag("application", "BankAccounts").timer().count())
                    .isEqualTo(2);
            assertThat(registry.get("eventsourcing.events.saved").tag("application", "BankAccounts").counter()
                    .count()).isEqualTo(2.0);
            assertThat(registry.get("eventsourcing.load").tag("application", "BankAccounts").timer().count())
                    .as("depositFunds loaded the account").isEqualTo(1);
            assertThat(registry.get("eventsourcing.follower.lag").tag("follower", "EmailProcess")
                    .tag("leader", "BankAccounts").gauge().value()).isZero();
        });
    }

    @Test
    void an_observer_is_told_nothing_for_a_save_with_no_events() {
        runner().run(context -> {
            Application accounts = context.getBean(BankAccounts.class);
            List<List<Recording>> saved = new java.util.ArrayList<>();
            accounts.addObserver(new io.eventsourcing.application.ApplicationObserver() {
                @Override
                public void saved(List<Recording> recordings, Duration took) {
                    saved.add(recordings);
                }
            });
            accounts.save();
            assertThat(saved).isEmpty();
        });
    }
}
