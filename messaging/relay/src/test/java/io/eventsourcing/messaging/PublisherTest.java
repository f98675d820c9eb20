package io.eventsourcing.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.messaging.fixtures.Eventually;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.messaging.fixtures.Tallies;
import io.eventsourcing.messaging.fixtures.Tally;
import io.eventsourcing.messaging.fixtures.TallyLog;
import io.eventsourcing.persistence.memory.InMemoryTrackingRecorder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The publisher's loop against a broker that keeps part of a batch and then fails, as a broker may when
 * a connection drops: the real brokers' tests are in the broker modules; this one makes the failure
 * happen on every fourth batch, which no real broker does on demand.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PublisherTest {

    /** Keeps what it was sent in order; every fourth batch it keeps only the first half, or loses the middle one. */
    private static final class LossyBroker {
        final List<RelayedEvent> lane = new ArrayList<>();
        int batches;

        synchronized void send(List<RelayedEvent> events) throws IOException {
            batches++;
            if (batches % 4 == 0 && events.size() > 1) {
                if (batches % 8 == 0) {
                    for (int i = 0; i < events.size(); i++) {
                        if (i != events.size() / 2) {
                            lane.add(events.get(i));              // one lost in the middle
                        }
                    }
                } else {
                    lane.addAll(events.subList(0, events.size() / 2));
                }
                throw new IOException("connection reset after part of the batch");
            }
            lane.addAll(events);
        }

        synchronized List<RelayedEvent> delivered() {
            return List.copyOf(lane);
        }
    }

    @Test
    void records_only_confirmed_positions_and_sends_again_what_was_not_so_the_follower_gets_each_event_once()
            throws Exception {
        LossyBroker broker = new LossyBroker();
        InMemoryTrackingRecorder positions = new InMemoryTrackingRecorder();
        try (var leader = new Tallies(Map.of("PERSISTENCE_MODULE", "memory")); var follower = new TallyLog(Map.of("PERSISTENCE_MODULE", "memory"))) {
            leader.record("a", 5, 19);                                     // 100 events
            PublisherSettings settings = PublisherSettings.of("test").withMaxBatch(7)
                    .withRetryDelays(Duration.ofMillis(1), Duration.ofMillis(5));
            try (var publisher = new Publisher(leader, positions, () -> new BrokerSender() {
                @Override public void send(List<RelayedEvent> events) throws IOException { broker.send(events); }
                @Override public void close() {}
            }, settings)) {
                publisher.waitFor(100, Duration.ofSeconds(30));
                assertThat(publisher.lastFailure()).hasMessage("connection reset after part of the batch");
            }
            assertThat(positions.maxTrackingId("test")).isEqualTo(100);

            Republisher republisher = Republisher.to(follower, leader.name(), leader.mapper());
            List<Republisher.Outcome> outcomes = new ArrayList<>();
            for (RelayedEvent event : broker.delivered()) {
                outcomes.add(republisher.handle(event));
            }
            assertThat(broker.delivered().size()).isGreaterThan(100);
            assertThat(outcomes).contains(Republisher.Outcome.DUPLICATE, Republisher.Outcome.AHEAD_OF_A_LOST_EVENT);
            assertThat(follower.seen()).containsExactlyElementsOf(leader.log());
        }
    }

    @Test
    void follows_the_leader_live_after_catching_up() throws Exception {
        LossyBroker broker = new LossyBroker();
        InMemoryTrackingRecorder positions = new InMemoryTrackingRecorder();
        try (var leader = new Tallies(Map.of("PERSISTENCE_MODULE", "memory"));
                var publisher = new Publisher(leader, positions, () -> new BrokerSender() {
                    @Override public void send(List<RelayedEvent> events) throws IOException { broker.send(events); }
                    @Override public void close() {}
                }, PublisherSettings.of("live"))) {
            leader.record("b", 1, 0);
            publisher.waitFor(1, Duration.ofSeconds(10));
            leader.record("c", 1, 0);
            Eventually.until("the second event is sent", Duration.ofSeconds(10),
                    () -> positions.maxTrackingId("live") == 2, () -> "");
            assertThat(broker.delivered()).extracting(e -> e.notification().id()).containsExactly(1L, 2L);
            assertThat(broker.delivered().get(1).previousId()).isEqualTo(1);
        }
    }

    @Test
    void sends_only_the_topics_it_is_given_chaining_each_to_the_one_sent_before() throws Exception {
        LossyBroker broker = new LossyBroker();
        InMemoryTrackingRecorder positions = new InMemoryTrackingRecorder();
        try (var leader = new Tallies(Map.of("PERSISTENCE_MODULE", "memory"))) {
            leader.record("d", 2, 1);                                      // Started 1, 2; Counted 3, 4
            try (var publisher = new Publisher(leader, positions, () -> new BrokerSender() {
                @Override public void send(List<RelayedEvent> events) throws IOException { broker.send(events); }
                @Override public void close() {}
            }, PublisherSettings.of("started").withTopics(Set.of(Topics.of(Tally.Started.class))))) {
                publisher.waitFor(2, Duration.ofSeconds(10));
                Thread.sleep(200);
                assertThat(publisher.position()).isEqualTo(2);
            }
            assertThat(broker.delivered()).extracting(e -> e.notification().id()).containsExactly(1L, 2L);
            assertThat(broker.delivered()).extracting(RelayedEvent::previousId).containsExactly(0L, 1L);
        }
    }
}
