package io.eventsourcing.messaging.sqs;

import io.eventsourcing.messaging.Body;
import io.eventsourcing.messaging.RelayException;
import io.eventsourcing.messaging.RelayedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A relayed event as an SQS message: the headers as string message attributes (ten, SQS's limit), the
 * body as text (SQS bodies are text): the JSON as it is, the stored bytes in base64.
 */
final class SqsMessages {
    /**
     * Bounds on each call, whatever the client's settings: a call that hangs (a server that accepts
     * connections before it is ready, as ElasticMQ does while it restarts) fails and the session starts again.
     */
    static final AwsRequestOverrideConfiguration TIMEOUTS = AwsRequestOverrideConfiguration.builder()
            .apiCallAttemptTimeout(Duration.ofSeconds(25))
            .apiCallTimeout(Duration.ofSeconds(60))
            .build();

    private SqsMessages() {}

    static Map<String, MessageAttributeValue> attributes(RelayedEvent event) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        event.headers().forEach((name, value) ->
                attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return attributes;
    }

    static String body(RelayedEvent event) {
        return event.body() == Body.JSON ? new String(event.payload(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(event.payload());
    }

    static RelayedEvent read(Message message) {
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        String body = message.body();
        byte[] payload;
        try {
            MessageAttributeValue kind = attributes.get(RelayedEvent.BODY);
            payload = kind != null && "json".equals(kind.stringValue()) ? body.getBytes(StandardCharsets.UTF_8)
                    : Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new RelayException("SQS message " + message.messageId() + " has a body that is not base64", e);
        }
        return RelayedEvent.read(name -> {
            MessageAttributeValue value = attributes.get(name);
            return value == null ? null : value.stringValue();
        }, payload);
    }
}
