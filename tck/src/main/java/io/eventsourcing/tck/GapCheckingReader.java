package io.eventsourcing.tck;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Notification;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows the notification log while writers insert, checking that every selection is contiguous
 * from its start: a gap (an id not yet visible while a higher one is) would show as a jump and
 * fail the check, so a reader never skips an event that commits later with a smaller id.
 */
final class GapCheckingReader implements Runnable {
    private static final int LIMIT = 20;

    private final ApplicationRecorder recorder;
    private final AtomicBoolean writing;
    private final Queue<Throwable> failures;
    private volatile long position;

    GapCheckingReader(ApplicationRecorder recorder, AtomicBoolean writing, Queue<Throwable> failures) {
        this.recorder = recorder;
        this.writing = writing;
        this.failures = failures;
    }

    long position() {
        return position;
    }

    @Override
    public void run() {
        try {
            long seen = 0;
            for (int round = 0; ; round++) {
                boolean writersDone = !writing.get();
                List<Notification> batch = recorder.selectNotifications(seen + 1, LIMIT);
                checkContiguous(seen + 1, batch);
                seen += batch.size();
                position = seen;
                if (round % 8 == 7 && seen > 0) {
                    // Look back: everything up to what was seen is still there, with nothing new.
                    long start = 1 + ThreadLocalRandom.current().nextLong(seen);
                    List<Notification> again = recorder.selectNotifications(start, LIMIT);
                    checkContiguous(start, again);
                    if (again.size() < Math.min(LIMIT, seen - start + 1)) {
                        throw new AssertionError("selecting from " + start + " found " + ids(again)
                                + " after ids up to " + seen + " had been seen");
                    }
                }
                if (batch.isEmpty()) {
                    if (writersDone) {
                        return;
                    }
                    LockSupport.parkNanos(100_000);
                }
            }
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private static void checkContiguous(long start, List<Notification> batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).id() != start + i) {
                throw new AssertionError("a reader saw a gap: selecting from " + start + " gave ids " + ids(batch));
            }
        }
    }

    private static List<Long> ids(List<Notification> notifications) {
        return notifications.stream().map(Notification::id).toList();
    }
}
