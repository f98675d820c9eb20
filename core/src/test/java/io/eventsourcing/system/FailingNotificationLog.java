package io.eventsourcing.system;

import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.application.Section;
import io.eventsourcing.persistence.Notification;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A log whose every read fails as its database would, with the given exception. */
record FailingNotificationLog(RuntimeException failure) implements NotificationLog {
    @Override
    public int sectionSize() {
        return 10;
    }

    @Override
    public Section section(String sectionId) {
        throw failure;
    }

    @Override
    public List<Notification> select(long start, int limit, @Nullable Long stop, Set<String> topics) {
        throw failure;
    }
}
