package io.eventsourcing.messaging.sqs;

import io.eventsourcing.messaging.BrokerSender;
import io.eventsourcing.messaging.RelayException;
import io.eventsourcing.messaging.RelayedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/*
 * SQS's own de-duplication is deliberately not used for the event's de-duplication id: within its five
 * minutes it would silently swallow a message sent again after an earlier copy was dropped by the
 * republisher for following a lost one, and that event would never arrive. Each session's messages get
 * their own SQS de-duplication ids (the event's id and the session), so a retry of a batch within one
 * session is still de-duplicated by SQS, and the republisher drops the copies of other sessions.
 */

/**
 * Sends to an SQS FIFO queue in batches of up to ten; a batch is sent when SQS has answered every entry
 * with success. The message group is the leader and lane, so each lane is one ordered stream.
 */
final class SqsSender implements BrokerSender {
    /** SQS takes at most ten messages per batch. */
    static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String session = UUID.randomUUID().toString();

    SqsSender(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<RelayedEvent> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            List<RelayedEvent> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                RelayedEvent event = batch.get(i);
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(SqsMessages.body(event))
                        .messageAttributes(SqsMessages.attributes(event))
                        .messageGroupId(event.leader() + "-" + event.lane())
                        .messageDeduplicationId(event.notification().id() + "-" + session)
                        .build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)
                    .overrideConfiguration(SqsMessages.TIMEOUTS));
            if (!response.failed().isEmpty()) {
                BatchResultErrorEntry first = response.failed().getFirst();
                RelayedEvent failed = batch.get(Integer.parseInt(first.id()));
                throw new RelayException("SQS refused " + response.failed().size() + " of " + batch.size()
                        + " messages to " + queueUrl + ", the first " + failed.deduplicationId() + ": " + first.code()
                        + " " + first.message());
            }
        }
    }

    @Override
    public void close() {
        // the client is the caller's
    }
}
