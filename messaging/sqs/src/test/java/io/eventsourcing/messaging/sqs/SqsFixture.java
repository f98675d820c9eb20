package io.eventsourcing.messaging.sqs;

import io.eventsourcing.application.Application;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.fixtures.BrokerFixture;
import io.eventsourcing.persistence.TrackingRecorder;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The relay conformance suite's broker: ElasticMQ at 127.0.0.1:{@code ELASTICMQ_PORT}; a destination is a FIFO queue. */
final class SqsFixture implements BrokerFixture {
    static final String PORT = "ELASTICMQ_PORT";

    private final int port;

    SqsFixture(Map<String, String> env) {
        this.port = Integer.parseInt(env.get(PORT));
    }

    SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    static String queueName(String destination) {
        return destination + ".fifo";
    }

    String queueUrl(SqsClient sqs, String destination) {
        return sqs.getQueueUrl(b -> b.queueName(queueName(destination))).queueUrl();
    }

    @Override
    public void prepare(String destination, int lanes) {
        try (SqsClient sqs = client()) {
            // A short visibility timeout, so a message whose consumer died comes back soon.
            sqs.createQueue(b -> b.queueName(queueName(destination)).attributes(Map.of(
                    QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.VISIBILITY_TIMEOUT, "5")));
        }
    }

    @Override
    public AutoCloseable publish(Application leader, TrackingRecorder positions, PublisherSettings settings,
            String destination) {
        SqsClient sqs = client();
        SqsPublisher publisher = new SqsPublisher(leader, positions, sqs, queueUrl(sqs, destination), settings);
        return () -> {
            publisher.close();
            sqs.close();
        };
    }

    @Override
    public AutoCloseable republish(Republisher republisher, String destination, String queue, int lanes) {
        SqsClient sqs = client();
        SqsRepublisher consumer = new SqsRepublisher(sqs, queueUrl(sqs, destination), republisher);
        return () -> {
            try {
                consumer.close();
            } finally {
                sqs.close();
            }
        };
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(PORT, Integer.toString(port));
    }
}
