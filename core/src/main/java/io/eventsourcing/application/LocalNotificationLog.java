package io.eventsourcing.application;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Notification;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The notification log of an application in this process, read straight from its recorder.
 *
 * <p>Thread-safe.
 */
public final class LocalNotificationLog implements NotificationLog {
    private final ApplicationRecorder recorder;
    private final int sectionSize;

    /**
     * @param recorder the application's recorder
     * @param sectionSize the largest section, 1 or more
     */
    public LocalNotificationLog(ApplicationRecorder recorder, int sectionSize) {
        this.recorder = requireNonNull(recorder, "recorder");
        if (sectionSize < 1) {
            throw new IllegalArgumentException("sectionSize must be at least 1, was " + sectionSize);
        }
        this.sectionSize = sectionSize;
    }

    @Override
    public int sectionSize() {
        return sectionSize;
    }

    @Override
    public Section section(String sectionId) {
        requireNonNull(sectionId, "sectionId");
        String[] parts = sectionId.split(",", -1);
        long first;
        long last;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            first = Long.parseLong(parts[0].strip());
            last = Long.parseLong(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "section id '" + sectionId + "' is not of the form 'first,last', e.g. '1,10'", e);
        }
        long start = Math.max(1, first);
        int limit = (int) Math.min(Math.max(0, last - start + 1), sectionSize);
        List<Notification> items = recorder.selectNotifications(start, limit);
        if (items.isEmpty()) {
            return new Section(null, items, null);
        }
        long lastId = items.getLast().id();
        String nextId = items.size() == limit ? NotificationLog.sectionId(lastId + 1, lastId + limit) : null;
        return new Section(NotificationLog.sectionId(items.getFirst().id(), lastId), items, nextId);
    }

    @Override
    public List<Notification> select(long start, int limit, @Nullable Long stop, Set<String> topics) {
        if (limit > sectionSize) {
            throw new IllegalArgumentException(
                    "limit " + limit + " is greater than the section size " + sectionSize);
        }
        return recorder.selectNotifications(start, limit, stop, topics);
    }
}
