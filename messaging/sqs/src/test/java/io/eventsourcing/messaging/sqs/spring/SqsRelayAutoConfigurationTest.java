package io.eventsourcing.messaging.sqs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.messaging.fixtures.Eventually;
import io.eventsourcing.messaging.fixtures.Tallies;
import io.eventsourcing.messaging.fixtures.TallyLog;
import io.eventsourcing.messaging.sqs.SqsTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The auto-configuration in a Spring context, against ElasticMQ. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(120)
class SqsRelayAutoConfigurationTest {
    private static final Map<String, String> MEMORY = Map.of("PERSISTENCE_MODULE", "memory");
    private static SqsTestServer server;
    @TempDir
    static Path serverDirectory;

    @BeforeAll
    static void startElasticMq() throws Exception {
        server = SqsTestServer.start(serverDirectory);
    }

    @AfterAll
    static void stopElasticMq() {
        server.close();
    }

    @Test
    void publishes_and_republishes_the_applications_its_properties_name_making_the_queue() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SqsRelayAutoConfiguration.class))
                .withBean(SqsClient.class, server::client)
                .withBean(Tallies.class, () -> new Tallies(MEMORY))
                .withBean(TallyLog.class, () -> new TallyLog(MEMORY))
                .withPropertyValues("eventsourcing.sqs.publishers[0].application=Tallies",
                        "eventsourcing.sqs.publishers[0].queue=log.fifo",
                        "eventsourcing.sqs.republishers[0].follower=TallyLog",
                        "eventsourcing.sqs.republishers[0].leader=Tallies",
                        "eventsourcing.sqs.republishers[0].queue=log.fifo")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SqsRelays relays = context.getBean(SqsRelays.class);
                    Tallies leader = context.getBean(Tallies.class);
                    TallyLog follower = context.getBean(TallyLog.class);

                    leader.record("spring-", 2, 3);
                    relays.publishers().getFirst().waitFor(8, Duration.ofSeconds(30));
                    Eventually.until("the follower has all", Duration.ofSeconds(30), () -> follower.seen().size() == 8,
                            () -> "");
                    assertThat(follower.seen()).containsExactlyElementsOf(leader.log());
                    assertThat(relays.republishers()).hasSize(1);
                });
    }

    @Test
    void stays_out_of_a_context_without_an_sqs_client() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SqsRelayAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SqsRelays.class));
    }

    @Test
    void is_listed_where_spring_boot_finds_auto_configurations() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(SqsRelayAutoConfiguration.class.getName());
    }
}
