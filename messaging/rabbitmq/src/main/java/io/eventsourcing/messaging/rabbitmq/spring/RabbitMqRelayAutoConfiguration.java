package io.eventsourcing.messaging.rabbitmq.spring;

import io.eventsourcing.application.Application;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.internal.RelayBeans;
import io.eventsourcing.messaging.rabbitmq.RabbitMqPublisher;
import io.eventsourcing.messaging.rabbitmq.RabbitMqRepublisher;
import io.eventsourcing.system.ProcessApplication;
import java.util.List;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Starts the RabbitMQ publishers and republishers of {@code eventsourcing.rabbitmq.*} when the application
 * has Spring Boot's AMQP support: they connect with the settings of its {@code CachingConnectionFactory}
 * ({@code spring.rabbitmq.*}), publish the events of the {@code Application} beans named and feed the
 * {@code ProcessApplication} beans named. They start once those beans exist and stop before they close.
 */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass({CachingConnectionFactory.class, RabbitMqPublisher.class})
@ConditionalOnBean(CachingConnectionFactory.class)
@EnableConfigurationProperties(RabbitMqRelayProperties.class)
public class RabbitMqRelayAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public RabbitMqRelayAutoConfiguration() {}

    /**
     * The relays configured.
     *
     * @throws io.eventsourcing.persistence.ConfigurationException if a property names no such application
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RabbitMqRelays rabbitMqRelays(CachingConnectionFactory connections, RabbitMqRelayProperties properties,
            List<Application> applications) {
        var rabbit = connections.getRabbitConnectionFactory();
        RabbitMqRelays relays = new RabbitMqRelays();
        try {
            for (int i = 0; i < properties.republishers().size(); i++) {   // queues bound before anything is sent
                RabbitMqRelayProperties.Republisher settings = properties.republishers().get(i);
                ProcessApplication follower = RelayBeans.follower(applications, settings.follower(),
                        "eventsourcing.rabbitmq.republishers[" + i + "].follower");
                relays.start(new RabbitMqRepublisher(rabbit, settings.exchange(), settings.queue(), settings.lanes(),
                        Republisher.to(follower, settings.leader(), follower.mapper())));
            }
            for (int i = 0; i < properties.publishers().size(); i++) {
                RabbitMqRelayProperties.Publisher settings = properties.publishers().get(i);
                Application leader = RelayBeans.application(applications, settings.application(),
                        "eventsourcing.rabbitmq.publishers[" + i + "].application");
                String name = settings.name() != null ? settings.name()
                        : leader.name() + "->rabbitmq:" + settings.exchange();
                relays.start(new RabbitMqPublisher(leader, rabbit, settings.exchange(),
                        PublisherSettings.of(name).withLanes(settings.lanes()).withBody(settings.body())));
            }
        } catch (RuntimeException e) {
            relays.close();
            throw e;
        }
        return relays;
    }
}
