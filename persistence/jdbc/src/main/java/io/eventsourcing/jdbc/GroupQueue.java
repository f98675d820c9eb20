package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * Design: group commit without a timer. Callers queue their entries; a caller that finds no group being
 * written becomes the writer, takes every queued entry the group admits (in arrival order, its own
 * among them), writes the group, and hands over: whoever of the waiting callers wakes first writes the
 * next group, made of what queued meanwhile. A lone caller therefore writes at once, and under load
 * groups grow by themselves with the number of callers that arrive during one write. An entry the
 * group does not admit stays queued, in its place, for the next group.
 *
 * A caller waiting for its entry is not interruptible: once queued, its entry may be written by another
 * thread at any moment, so it waits for the outcome and keeps its interrupt status.
 */

/**
 * Combines entries submitted concurrently into groups that one thread writes at a time. What a group
 * may hold and how it is written are the user's ({@link GroupCommitter} for events, {@link
 * DcbGroupCommitter} for DCB appends).
 *
 * <p>Thread-safe.
 *
 * @param <E> the entries
 */
final class GroupQueue<E extends GroupQueue.Entry> {
    private final Supplier<Admission<E>> admission;
    private final Consumer<List<E>> writer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LinkedList<E> queue = new LinkedList<>();
    private boolean writing;
    private long groups;
    private long entries;

    /**
     * @param admission makes, for each group, what decides which queued entries join it
     * @param writer writes a group and settles every entry of it; it must not throw
     */
    GroupQueue(Supplier<Admission<E>> admission, Consumer<List<E>> writer) {
        this.admission = requireNonNull(admission, "admission");
        this.writer = requireNonNull(writer, "writer");
    }

    /** Queues the entry and returns once it is settled, having written its group or another's meanwhile. */
    void submit(E entry) {
        lock.lock();
        try {
            queue.add(entry);
            while (!entry.isSettled()) {
                if (writing) {
                    changed.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                List<E> group = takeGroup();
                lock.unlock();
                try {
                    writer.accept(group);
                } finally {
                    lock.lock();
                    writing = false;
                    changed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many groups were written, how many entries they held, and how many wait now. */
    GroupCommits statistics() {
        lock.lock();
        try {
            return new GroupCommits(groups, entries, queue.size());
        } finally {
            lock.unlock();
        }
    }

    /** Takes the next group from the queue, in arrival order. Holds the lock. */
    private List<E> takeGroup() {
        Admission<E> group = admission.get();
        List<E> taken = new ArrayList<>();
        for (Iterator<E> it = queue.iterator(); it.hasNext(); ) {
            E next = it.next();
            Admission.Verdict verdict = group.admit(next, taken.isEmpty());
            if (verdict == Admission.Verdict.SKIP) {
                continue;
            }
            taken.add(next);
            it.remove();
            if (verdict == Admission.Verdict.TAKE_LAST) {
                break;
            }
        }
        groups++;
        entries += taken.size();
        return taken;
    }

    /**
     * Writes a group in attempts, each given what the one before left to write again; the attempts after
     * the first {@code retries} are told they are the last. Anything an attempt throws fails every entry
     * of the group not settled yet. A writer for the constructor: never throws but an {@link Error}.
     */
    static <E extends Entry> void writeInAttempts(List<E> group, int retries, Attempt<E> attempt) {
        try {
            List<E> left = group;
            for (int n = 0; !left.isEmpty(); n++) {
                left = attempt.write(left, n >= retries);
            }
        } catch (RuntimeException | Error e) {
            for (E entry : group) {
                if (!entry.isSettled()) {
                    entry.fail(e);
                }
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** One attempt at writing what is left of a group (see {@link #writeInAttempts}). */
    @FunctionalInterface
    interface Attempt<E> {
        /**
         * Writes the entries once, settling those whose outcome is known.
         *
         * @param last whether a failure that could be retried is final
         * @return the entries to write again
         */
        List<E> write(List<E> left, boolean last);
    }

    /** An entry of a group; its writer settles it once its outcome is known. */
    abstract static class Entry {
        private volatile boolean settled;
        private @Nullable Throwable failure;

        /** Marks the outcome known; called by the writer after it has stored the outcome in the entry. */
        protected final void settle() {
            settled = true;
        }

        /** Whether the outcome is known. */
        protected final boolean isSettled() {
            return settled;
        }

        /** Settles the entry as failed with {@code failure}. */
        final void fail(Throwable failure) {
            this.failure = failure;
            settle();
        }

        /** Throws the failure the entry was settled with, if any; for the caller's thread once settled. */
        protected final void throwIfFailed() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }

    /** Decides, for one group, which queued entries join it. */
    interface Admission<E> {
        /** What to do with an entry. */
        enum Verdict {
            /** Take it into the group. */
            TAKE,
            /** Take it into the group, which is then full: leave the rest queued. */
            TAKE_LAST,
            /** Leave it queued for a later group and look at the next one. */
            SKIP
        }

        /**
         * The verdict on the next queued entry.
         *
         * @param first whether the group is still empty, so the entry would be its first
         */
        Verdict admit(E entry, boolean first);
    }
}
