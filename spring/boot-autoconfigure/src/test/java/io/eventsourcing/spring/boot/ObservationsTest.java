package io.eventsourcing.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.system.Runner;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import io.eventsourcing.tck.system.EmailProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With an ObservationRegistry in the context, application beans and runners' applications are observed. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ObservationsTest {
    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    static class TestRegistry {
        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        EventSourcingAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db"))
                .withUserConfiguration(RunnersHealthAndMetricsTest.EmailSystem.class);
    }

    @Test
    void an_application_beans_saves_and_a_runners_processing_are_observed() {
        runner().withUserConfiguration(TestRegistry.class).run(context -> {
            TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
            BankAccounts accounts = context.getBean(BankAccounts.class);

            accounts.openAccount("Alice", "alice@example.com");
            context.getBean(Runner.class).waitFor(EmailProcess.class, BankAccounts.class, 1, Duration.ofSeconds(10));

            TestObservationRegistryAssert.assertThat(registry)
                    .hasAnObservation(o -> o.hasNameEqualTo("eventsourcing.save")
                            .hasLowCardinalityKeyValue("application", "BankAccounts")
                            .hasLowCardinalityKeyValue("outcome", "success"))
                    .hasAnObservation(o -> o.hasNameEqualTo("eventsourcing.process")
                            .hasLowCardinalityKeyValue("application", "EmailProcess")
                            .hasLowCardinalityKeyValue("leader", "BankAccounts"));
        });
    }

    @Test
    void observations_can_be_turned_off() {
        runner().withUserConfiguration(TestRegistry.class).withPropertyValues("eventsourcing.observations.enabled=false")
                .run(context -> {
                    context.getBean(BankAccounts.class).openAccount("Bob", "bob@example.com");

                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .doesNotHaveAnyObservation();
                    assertThat(context).doesNotHaveBean(ApplicationObservations.class);
                });
    }

    @Test
    void with_meters_the_save_timer_is_the_observations_and_counts_each_outcome() {
        runner().withUserConfiguration(Meters.class).run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            context.getBean(EventSourcingMetrics.class).bindTo(meters);
            BankAccounts accounts = context.getBean(BankAccounts.class);

            accounts.openAccount("Carol", "carol@example.com");
            accounts.openAccount("Dan", "dan@example.com");

            List<Timer> saves = List.copyOf(meters.find("eventsourcing.save").timers());
            assertThat(saves).as("no timer of the meter binder's own, without the outcome")
                    .allSatisfy(timer -> assertThat(timer.getId().getTag("outcome")).isNotNull());
            assertThat(meters.get("eventsourcing.save").tag("application", "BankAccounts").tag("outcome", "success")
                    .timer().count()).isEqualTo(2);
            assertThat(meters.get("eventsourcing.events.saved").counter().count()).isEqualTo(2.0);
        });
    }
}
