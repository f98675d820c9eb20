package io.eventsourcing.messaging.kafka.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.messaging.fixtures.Eventually;
import io.eventsourcing.messaging.fixtures.Tallies;
import io.eventsourcing.messaging.fixtures.TallyLog;
import io.eventsourcing.messaging.kafka.KafkaServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration in a Spring context, against a KRaft broker of the test's own. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(180)
class KafkaRelayAutoConfigurationTest {
    private static final Map<String, String> MEMORY = Map.of("PERSISTENCE_MODULE", "memory");
    private static KafkaServer server;
    @TempDir
    static Path serverDirectory;

    @BeforeAll
    static void startKafka() throws Exception {
        server = KafkaServer.start(serverDirectory);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", server.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("tallies", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopKafka() {
        server.close();
    }

    private ApplicationContextRunner contexts() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaRelayAutoConfiguration.class))
                .withBean(Tallies.class, () -> new Tallies(MEMORY))
                .withBean(TallyLog.class, () -> new TallyLog(MEMORY))
                .withPropertyValues("spring.kafka.bootstrap-servers=" + server.bootstrapServers());
    }

    @Test
    void publishes_and_republishes_the_applications_its_properties_name() {
        contexts().withPropertyValues("eventsourcing.kafka.publishers[0].application=Tallies",
                        "eventsourcing.kafka.publishers[0].topic=tallies",
                        "eventsourcing.kafka.republishers[0].follower=TallyLog",
                        "eventsourcing.kafka.republishers[0].leader=Tallies",
                        "eventsourcing.kafka.republishers[0].topic=tallies",
                        "eventsourcing.kafka.republishers[0].group=log")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    KafkaRelays relays = context.getBean(KafkaRelays.class);
                    Tallies leader = context.getBean(Tallies.class);
                    TallyLog follower = context.getBean(TallyLog.class);

                    leader.record("spring-", 2, 3);
                    relays.publishers().getFirst().waitFor(8, Duration.ofSeconds(60));
                    Eventually.until("the follower has all", Duration.ofSeconds(60), () -> follower.seen().size() == 8,
                            () -> "");
                    assertThat(follower.seen()).containsExactlyElementsOf(leader.log());
                    assertThat(relays.republishers()).hasSize(1);
                });
    }

    @Test
    void a_follower_that_is_not_a_process_application_fails_the_context() {
        contexts().withPropertyValues("eventsourcing.kafka.republishers[0].follower=Tallies",
                        "eventsourcing.kafka.republishers[0].leader=TallyLog",
                        "eventsourcing.kafka.republishers[0].topic=tallies",
                        "eventsourcing.kafka.republishers[0].group=g")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("eventsourcing.kafka.republishers[0].follower is 'Tallies', which is not "
                                + "a ProcessApplication"));
    }

    @Test
    void stays_out_of_a_context_without_spring_boot_s_kafka_support() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaRelayAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaRelays.class));
    }

    @Test
    void is_listed_where_spring_boot_finds_auto_configurations() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(KafkaRelayAutoConfiguration.class.getName());
    }
}
