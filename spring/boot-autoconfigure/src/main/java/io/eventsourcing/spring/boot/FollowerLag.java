package io.eventsourcing.spring.boot;

import io.eventsourcing.application.Application;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProjectionRunner;
import io.eventsourcing.system.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How far a follower is behind a leader: 0 when no notification of a topic it follows is waiting,
 * else the number of notifications from the first such one to the leader's newest (those of topics it
 * does not follow included, as the follower's position moves only with those it processes).
 *
 * @param follower the process application's or the projection's name
 * @param leader the followed application's name
 * @param lag notifications not yet processed
 */
record FollowerLag(String follower, String leader, long lag) {

    /** The lag of every edge of a started runner's system; none if it is not running. */
    static List<FollowerLag> of(Runner runner) {
        List<FollowerLag> lags = new ArrayList<>();
        if (!runner.isRunning()) {
            return lags;
        }
        for (EventSourcingSystem.Edge edge : runner.system().edges()) {
            lags.add(of(runner, edge));
        }
        return lags;
    }

    /** The lag along one edge of a started runner's system. */
    static FollowerLag of(Runner runner, EventSourcingSystem.Edge edge) {
        Application leader = runner.get(edge.leader());
        ProcessApplication follower = runner.get(edge.follower());
        long position = follower.recorder().maxTrackingId(leader.name());
        return new FollowerLag(follower.name(), leader.name(), lag(leader, position, follower.followedTopics()));
    }

    /** The lag of a projection runner's projection. */
    static FollowerLag of(ProjectionRunner<?> runner) {
        Application leader = runner.application();
        long position = runner.view().maxTrackingId(leader.name());
        return new FollowerLag(runner.projection().name(), leader.name(),
                lag(leader, position, runner.projection().topics()));
    }

    private static long lag(Application leader, long position, Set<String> topics) {
        List<Notification> next = leader.recorder().selectNotifications(position + 1, 1, null, topics);
        return next.isEmpty() ? 0 : leader.recorder().maxNotificationId() - next.getFirst().id() + 1;
    }
}
