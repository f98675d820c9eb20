package io.eventsourcing.messaging.kafka.spring;

import io.eventsourcing.application.Application;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.internal.RelayBeans;
import io.eventsourcing.messaging.kafka.KafkaPublisher;
import io.eventsourcing.messaging.kafka.KafkaRepublisher;
import io.eventsourcing.system.ProcessApplication;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * Starts the Kafka publishers and republishers of {@code eventsourcing.kafka.*} when the application has
 * Spring Boot's Kafka support: they use the producer and consumer settings of its {@code KafkaProperties}
 * ({@code spring.kafka.*}; the publisher adds {@code acks=all} and idempotence, the republisher its group
 * and manual commits), publish the events of the {@code Application} beans named and feed the {@code
 * ProcessApplication} beans named. They start once those beans exist and stop before they close.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass({KafkaProperties.class, KafkaPublisher.class})
@ConditionalOnBean(KafkaProperties.class)
@EnableConfigurationProperties(KafkaRelayProperties.class)
public class KafkaRelayAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public KafkaRelayAutoConfiguration() {}

    /**
     * The relays configured.
     *
     * @throws io.eventsourcing.persistence.ConfigurationException if a property names no such application
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public KafkaRelays kafkaRelays(KafkaProperties kafka, KafkaRelayProperties properties,
            List<Application> applications) {
        KafkaRelays relays = new KafkaRelays();
        try {
            for (int i = 0; i < properties.republishers().size(); i++) {
                KafkaRelayProperties.Republisher settings = properties.republishers().get(i);
                ProcessApplication follower = RelayBeans.follower(applications, settings.follower(),
                        "eventsourcing.kafka.republishers[" + i + "].follower");
                relays.start(new KafkaRepublisher(kafka.buildConsumerProperties(), settings.topic(), settings.group(),
                        Republisher.to(follower, settings.leader(), follower.mapper())));
            }
            for (int i = 0; i < properties.publishers().size(); i++) {
                KafkaRelayProperties.Publisher settings = properties.publishers().get(i);
                Application leader = RelayBeans.application(applications, settings.application(),
                        "eventsourcing.kafka.publishers[" + i + "].application");
                String name = settings.name() != null ? settings.name() : leader.name() + "->kafka:" + settings.topic();
                relays.start(new KafkaPublisher(leader, kafka.buildProducerProperties(), settings.topic(),
                        PublisherSettings.of(name).withLanes(settings.lanes()).withBody(settings.body())));
            }
        } catch (RuntimeException e) {
            relays.close();
            throw e;
        }
        return relays;
    }
}
