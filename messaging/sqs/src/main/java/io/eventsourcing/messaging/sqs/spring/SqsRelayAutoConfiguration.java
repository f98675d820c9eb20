package io.eventsourcing.messaging.sqs.spring;

import io.eventsourcing.application.Application;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.internal.RelayBeans;
import io.eventsourcing.messaging.sqs.SqsPublisher;
import io.eventsourcing.messaging.sqs.SqsRepublisher;
import io.eventsourcing.system.ProcessApplication;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Starts the SQS publishers and republishers of {@code eventsourcing.sqs.*} when the application has an
 * {@code SqsClient} bean (Spring Boot has no SQS support of its own; define the client as a bean, with
 * its region, credentials and endpoint): they publish the events of the {@code Application} beans named
 * and feed the {@code ProcessApplication} beans named, making the FIFO queues named if they do not exist.
 * They start once those beans exist and stop before they close.
 */
@AutoConfiguration
@ConditionalOnClass({SqsClient.class, SqsPublisher.class})
@ConditionalOnBean(SqsClient.class)
@EnableConfigurationProperties(SqsRelayProperties.class)
public class SqsRelayAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public SqsRelayAutoConfiguration() {}

    /**
     * The relays configured.
     *
     * @throws io.eventsourcing.persistence.ConfigurationException if a property names no such application
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public SqsRelays sqsRelays(SqsClient sqs, SqsRelayProperties properties, List<Application> applications) {
        SqsRelays relays = new SqsRelays();
        try {
            for (int i = 0; i < properties.republishers().size(); i++) {
                SqsRelayProperties.Republisher settings = properties.republishers().get(i);
                ProcessApplication follower = RelayBeans.follower(applications, settings.follower(),
                        "eventsourcing.sqs.republishers[" + i + "].follower");
                relays.start(new SqsRepublisher(sqs, queueUrl(sqs, settings.queue()),
                        Republisher.to(follower, settings.leader(), follower.mapper())));
            }
            for (int i = 0; i < properties.publishers().size(); i++) {
                SqsRelayProperties.Publisher settings = properties.publishers().get(i);
                Application leader = RelayBeans.application(applications, settings.application(),
                        "eventsourcing.sqs.publishers[" + i + "].application");
                String name = settings.name() != null ? settings.name() : leader.name() + "->sqs:" + settings.queue();
                relays.start(new SqsPublisher(leader, sqs, queueUrl(sqs, settings.queue()),
                        PublisherSettings.of(name).withLanes(settings.lanes()).withBody(settings.body())));
            }
        } catch (RuntimeException e) {
            relays.close();
            throw e;
        }
        return relays;
    }

    private static String queueUrl(SqsClient sqs, String queue) {
        try {
            return sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            return SqsPublisher.createQueue(sqs, queue);
        }
    }
}
