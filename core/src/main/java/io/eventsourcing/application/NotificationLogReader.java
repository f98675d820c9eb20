package io.eventsourcing.application;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.Notification;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link NotificationLog} from a position to its current end, section after section, lazily.
 * Reading again from the last id seen plus one continues where it stopped, so a follower that keeps
 * its position reads every notification once.
 *
 * <p>Thread-safe; each stream it returns belongs to one thread.
 */
public final class NotificationLogReader {
    private final NotificationLog log;

    /** @param log the log to read */
    public NotificationLogReader(NotificationLog log) {
        this.log = requireNonNull(log, "log");
    }

    /**
     * The notifications from {@code start} to the current end of the log, following the sections'
     * next ids.
     */
    public Stream<Notification> read(long start) {
        Iterator<Notification> iterator = new Iterator<>() {
            private final ArrayDeque<Notification> buffer = new ArrayDeque<>();
            private @Nullable String nextSection =
                    NotificationLog.sectionId(Math.max(1, start), Math.max(1, start) + log.sectionSize() - 1);

            @Override
            public boolean hasNext() {
                while (buffer.isEmpty() && nextSection != null) {
                    Section section = log.section(nextSection);
                    buffer.addAll(section.items());
                    nextSection = section.nextId();
                }
                return !buffer.isEmpty();
            }

            @Override
            public Notification next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.removeFirst();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    /**
     * Batches of notifications from {@code start} (up to {@code stop}, if given) with the given topics,
     * each batch at most a section long, until the current end of the log.
     */
    public Stream<List<Notification>> select(long start, @Nullable Long stop, Set<String> topics) {
        requireNonNull(topics, "topics");
        Iterator<List<Notification>> iterator = new Iterator<>() {
            private long position = Math.max(1, start);
            private @Nullable List<Notification> batch;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (batch == null && !done) {
                    if (stop != null && position > stop) {
                        done = true;
                        return false;
                    }
                    List<Notification> selected = log.select(position, log.sectionSize(), stop, topics);
                    if (selected.isEmpty()) {
                        done = true;
                    } else {
                        batch = selected;
                        position = selected.getLast().id() + 1;
                    }
                }
                return batch != null;
            }

            @Override
            public List<Notification> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Notification> next = requireNonNull(batch);
                batch = null;
                return next;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }
}
