package io.eventsourcing.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.messaging.Republisher.Outcome;
import io.eventsourcing.messaging.fixtures.Tallies;
import io.eventsourcing.messaging.fixtures.Tally;
import io.eventsourcing.messaging.fixtures.TallyLog;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.system.EventProcessingException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The republisher's rules, without a broker: deliveries are handed to it as a broker might make them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RepublisherTest {
    private final Tallies leader = new Tallies(Map.of("PERSISTENCE_MODULE", "memory"));
    private final TallyLog follower = new TallyLog(Map.of("PERSISTENCE_MODULE", "memory"));
    private final Republisher republisher = Republisher.to(follower, "Tallies", leader.mapper());

    private List<Notification> recorded() {
        leader.record("t", 2, 2);                          // 6 events: ids 1..6
        return leader.recorder().selectNotifications(1, 10);
    }

    private static RelayedEvent relayed(Notification notification, long previous) {
        return new RelayedEvent("Tallies", 0, 1, previous, Body.STORED, notification);
    }

    @Test
    void processes_each_event_once_and_drops_copies() {
        List<Notification> log = recorded();

        assertThat(republisher.handle(relayed(log.get(0), 0))).isEqualTo(Outcome.PROCESSED);
        assertThat(republisher.handle(relayed(log.get(1), 1))).isEqualTo(Outcome.PROCESSED);
        assertThat(republisher.handle(relayed(log.get(0), 0))).isEqualTo(Outcome.DUPLICATE);
        assertThat(republisher.handle(relayed(log.get(1), 0))).isEqualTo(Outcome.DUPLICATE);   // resent in a new session
        assertThat(republisher.handle(relayed(log.get(2), 0))).isEqualTo(Outcome.PROCESSED);  // a session's first

        assertThat(follower.seen()).hasSize(3);
        assertThat(follower.recorder().maxTrackingId("Tallies")).isEqualTo(3);
    }

    @Test
    void drops_an_event_whose_predecessor_in_the_lane_was_lost_until_both_come_again() {
        List<Notification> log = recorded();
        republisher.handle(relayed(log.get(0), 0));

        assertThat(republisher.handle(relayed(log.get(2), 2))).isEqualTo(Outcome.AHEAD_OF_A_LOST_EVENT);   // 2 lost
        assertThat(follower.seen()).hasSize(1);

        assertThat(republisher.handle(relayed(log.get(1), 0))).isEqualTo(Outcome.PROCESSED);   // sent again
        assertThat(republisher.handle(relayed(log.get(2), 2))).isEqualTo(Outcome.PROCESSED);
        assertThat(follower.seen()).containsExactly(leader.log().subList(0, 3).toArray(String[]::new));
    }

    @Test
    void records_only_the_position_of_an_event_whose_topic_the_follower_does_not_follow() {
        TallyLog picky = new TallyLog(Map.of("PERSISTENCE_MODULE", "memory")) {
            @Override
            protected Set<Class<?>> followedTypes() { return Set.of(Tally.Counted.class); }
        };
        Republisher toPicky = Republisher.to(picky, "Tallies", leader.mapper());
        List<Notification> log = recorded();

        assertThat(toPicky.handle(relayed(log.get(0), 0))).isEqualTo(Outcome.SKIPPED);        // Started
        assertThat(toPicky.handle(relayed(log.get(2), 2))).isEqualTo(Outcome.AHEAD_OF_A_LOST_EVENT);
        assertThat(toPicky.handle(relayed(log.get(1), 1))).isEqualTo(Outcome.SKIPPED);        // Started
        assertThat(toPicky.handle(relayed(log.get(2), 2))).isEqualTo(Outcome.PROCESSED);      // Counted
        assertThat(picky.seen()).hasSize(1);
    }

    @Test
    void tracks_each_lane_under_its_own_name_when_there_are_several() {
        List<Notification> log = recorded();
        RelayedEvent inLaneOne = new RelayedEvent("Tallies", 1, 2, 0, Body.STORED, log.get(3));

        assertThat(republisher.handle(inLaneOne)).isEqualTo(Outcome.PROCESSED);
        assertThat(follower.recorder().maxTrackingId("Tallies#1")).isEqualTo(4);
        assertThat(follower.recorder().maxTrackingId("Tallies")).isZero();
    }

    @Test
    void refuses_another_leader_s_events_and_reports_a_failing_policy_with_the_event() {
        List<Notification> log = recorded();
        assertThatThrownBy(() -> republisher.handle(new RelayedEvent("Others", 0, 1, 0, Body.STORED, log.get(0))))
                .isInstanceOf(RelayException.class)
                .hasMessageContaining("republishes Tallies's events but received Others:1");

        Notification garbled = new Notification(1, log.get(0).originatorId(), 1, log.get(0).topic(), new byte[] {1, 2});
        assertThatThrownBy(() -> republisher.handle(relayed(garbled, 0)))
                .isInstanceOf(EventProcessingException.class)
                .hasMessageContaining("TallyLog failed to process Tallies notification 1");
        assertThat(follower.recorder().maxTrackingId("Tallies")).isZero();
    }

    @Test
    void deliveries_hold_an_event_that_comes_before_the_one_before_it_and_process_both_in_order() {
        List<Notification> log = recorded();
        Deliveries<String> deliveries = republisher.deliveries();

        assertThat(deliveries.handle(relayed(log.get(2), 2), "third")).isEmpty();           // as ElasticMQ may after
        assertThat(deliveries.handle(relayed(log.get(1), 1), "second")).isEmpty();          // a restart
        assertThat(deliveries.held()).isEqualTo(2);
        assertThat(deliveries.handle(relayed(log.get(0), 0), "first")).containsExactly("first", "second", "third");

        assertThat(deliveries.held()).isZero();
        assertThat(follower.seen()).containsExactly(leader.log().subList(0, 3).toArray(String[]::new));
    }

    @Test
    void deliveries_acknowledge_a_held_event_as_a_copy_once_the_publisher_sent_it_again_with_its_predecessor() {
        List<Notification> log = recorded();
        Deliveries<String> deliveries = republisher.deliveries();
        deliveries.handle(relayed(log.get(0), 0), "1");

        assertThat(deliveries.handle(relayed(log.get(2), 2), "3, after a lost 2")).isEmpty();
        assertThat(deliveries.handle(relayed(log.get(1), 0), "2 again")).containsExactly("2 again", "3, after a lost 2");
        assertThat(deliveries.handle(relayed(log.get(2), 2), "3 again")).containsExactly("3 again");   // a copy
        assertThat(follower.seen()).hasSize(3);
    }

    @Test
    void deliveries_give_up_the_oldest_held_event_past_the_limit_so_a_broker_s_window_never_fills() {
        leader.record("many", Deliveries.MAX_HELD + 3, 0);
        List<Notification> log = leader.recorder().selectNotifications(1, Deliveries.MAX_HELD + 3);
        Deliveries<Long> deliveries = republisher.deliveries();
        for (int i = 2; i < Deliveries.MAX_HELD + 2; i++) {                      // 1 and 2 lost
            assertThat(deliveries.handle(relayed(log.get(i), i), (long) i + 1)).isEmpty();
        }
        assertThat(deliveries.handle(relayed(log.get(Deliveries.MAX_HELD + 2), Deliveries.MAX_HELD + 2), 999L))
                .containsExactly(3L);
        assertThat(deliveries.held()).isEqualTo(Deliveries.MAX_HELD);
        assertThat(follower.seen()).isEmpty();
    }
}
