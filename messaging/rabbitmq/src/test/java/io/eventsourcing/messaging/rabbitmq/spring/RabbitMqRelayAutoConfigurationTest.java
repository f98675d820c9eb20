package io.eventsourcing.messaging.rabbitmq.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.messaging.fixtures.Eventually;
import io.eventsourcing.messaging.fixtures.Tallies;
import io.eventsourcing.messaging.fixtures.TallyLog;
import io.eventsourcing.tck.Databases;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration in a Spring context, against the machine's RabbitMQ. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(120)
class RabbitMqRelayAutoConfigurationTest {
    private static final Map<String, String> MEMORY = Map.of("PERSISTENCE_MODULE", "memory");
    private final String exchange = "spring-" + UUID.randomUUID().toString().substring(0, 8);
    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class,
                    RabbitMqRelayAutoConfiguration.class))
            .withBean(Tallies.class, () -> new Tallies(MEMORY))
            .withBean(TallyLog.class, () -> new TallyLog(MEMORY))
            .withPropertyValues("spring.rabbitmq.host=127.0.0.1");

    @BeforeAll
    static void rabbitMqAnswers() {
        Databases.requireReachable("RabbitMQ", "127.0.0.1", 5672);
    }

    @Test
    void publishes_and_republishes_the_applications_its_properties_name() {
        contexts.withPropertyValues("eventsourcing.rabbitmq.publishers[0].application=Tallies",
                        "eventsourcing.rabbitmq.publishers[0].exchange=" + exchange,
                        "eventsourcing.rabbitmq.republishers[0].follower=TallyLog",
                        "eventsourcing.rabbitmq.republishers[0].leader=Tallies",
                        "eventsourcing.rabbitmq.republishers[0].exchange=" + exchange,
                        "eventsourcing.rabbitmq.republishers[0].queue=log-" + exchange)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RabbitMqRelays relays = context.getBean(RabbitMqRelays.class);
                    assertThat(relays.publishers()).hasSize(1);
                    assertThat(relays.republishers()).hasSize(1);
                    Tallies leader = context.getBean(Tallies.class);
                    TallyLog follower = context.getBean(TallyLog.class);

                    leader.record("spring-", 2, 3);
                    relays.publishers().getFirst().waitFor(8, Duration.ofSeconds(30));
                    Eventually.until("the follower has all", Duration.ofSeconds(30), () -> follower.seen().size() == 8,
                            () -> "");
                    assertThat(follower.seen()).containsExactlyElementsOf(leader.log());
                    assertThat(relays.publishers().getFirst().position()).isEqualTo(8);
                });
    }

    @Test
    void a_property_naming_no_application_fails_the_context_saying_which_there_are() {
        contexts.withPropertyValues("eventsourcing.rabbitmq.publishers[0].application=Tallys",
                        "eventsourcing.rabbitmq.publishers[0].exchange=" + exchange)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("eventsourcing.rabbitmq.publishers[0].application is 'Tallys', but the context has "
                                + "no application of that name; it has [Tallies, TallyLog]"));
    }

    @Test
    void stays_out_of_a_context_without_spring_boot_s_rabbitmq_support() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RabbitMqRelayAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RabbitMqRelays.class));
    }

    @Test
    void is_listed_where_spring_boot_finds_auto_configurations() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(RabbitMqRelayAutoConfiguration.class.getName());
    }
}
