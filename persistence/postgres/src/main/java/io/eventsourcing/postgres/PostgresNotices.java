package io.eventsourcing.postgres;

import io.eventsourcing.jdbc.Tables;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How writers tell listeners of new events: a NOTIFY on a channel named after the events table, sent
 * only while someone listens. A listener holds a shared advisory lock of the table for as long as it
 * listens (see {@link PostgresListener}); a writer tries the same lock exclusively for its transaction:
 * if it cannot have it, someone listens and it notifies; if it can, nobody listens, it skips the
 * NOTIFY and holds the lock until it commits, so a listener that arrives meanwhile waits for that
 * commit and then reads what it missed. NOTIFY makes committing transactions wait for each other
 * server-wide, so it is worth leaving out when nobody would hear it.
 *
 * <p>Trying the lock costs every commit a little, so the group writer asks only every
 * {@link #CHECK_PERIOD} and meanwhile notifies, or not, as it found last ({@link Presence}). A listener
 * that arrives while a writer still believes nobody listens may miss that writer's notices for up to
 * the period; it therefore reads again once the period has passed after it began to listen.
 */
final class PostgresNotices {
    /** The first key of the library's advisory locks; the second is the channel's hash. */
    static final int LOCK_CLASS = 0x45534e31;
    private static final int MAX_IDENTIFIER = 63;

    private PostgresNotices() {}

    /** The NOTIFY channel of an events table: its qualified name with dots as underscores. */
    static String channel(Tables tables) {
        return tables.events().replace('.', '_');
    }

    /**
     * The channel as {@code LISTEN} hears it and {@code pg_notify} must name it: PostgreSQL cuts
     * identifiers to 63 bytes, and {@code pg_notify} takes the name as given. Names are ASCII (see
     * {@link Tables}).
     */
    static String notifyChannel(Tables tables) {
        String channel = channel(tables);
        return channel.length() > MAX_IDENTIFIER ? channel.substring(0, MAX_IDENTIFIER) : channel;
    }

    /** The second key of the table's advisory lock. */
    static int lockKey(Tables tables) {
        return notifyChannel(tables).hashCode();
    }

    /**
     * A SQL expression that sends the table's NOTIFY if {@code condition} holds and someone listens, and
     * otherwise takes the table's advisory lock until the transaction ends. {@code condition} is SQL.
     */
    static String notifyIfListened(Tables tables, String condition) {
        return "CASE WHEN NOT (" + condition + ") THEN NULL WHEN pg_try_advisory_xact_lock(" + LOCK_CLASS + ", "
                + lockKey(tables) + ") THEN NULL ELSE pg_notify('" + notifyChannel(tables) + "', '') END";
    }

    /** How long a writer relies on what it last found out about listeners. */
    static final Duration CHECK_PERIOD = Duration.ofMillis(100);

    /**
     * A SQL boolean expression: whether someone listens, sending the NOTIFY if so, and otherwise taking
     * the table's advisory lock until the transaction ends.
     */
    static String notifyIfListenedAndSay(Tables tables) {
        return "CASE WHEN pg_try_advisory_xact_lock(" + LOCK_CLASS + ", " + lockKey(tables) + ") THEN false ELSE ("
                + notify(tables) + ") END";
    }

    /** A SQL boolean expression that sends the table's NOTIFY (and is true). */
    static String notify(Tables tables) {
        return "pg_notify('" + notifyChannel(tables) + "', '')::text = ''";
    }

    /**
     * What a writer last found out about the listeners of each table, and when. Thread-safe.
     */
    static final class Presence {
        /** How a group's statement deals with the NOTIFY. */
        enum Notice {
            /** Find out whether anyone listens, and notify if so. */
            CHECK,
            /** Notify, as someone listened a moment ago. */
            NOTIFY,
            /** Leave it out, as nobody listened a moment ago. */
            QUIET
        }

        private record Seen(boolean listened, long at) {}

        private final Map<String, Seen> seen = new ConcurrentHashMap<>();

        Notice notice(Tables tables) {
            Seen last = seen.get(tables.events());
            if (last == null || System.nanoTime() - last.at() > CHECK_PERIOD.toNanos()) {
                return Notice.CHECK;
            }
            return last.listened() ? Notice.NOTIFY : Notice.QUIET;
        }

        void found(Tables tables, boolean listened) {
            seen.put(tables.events(), new Seen(listened, System.nanoTime()));
        }
    }

    /** The statement a listener runs after LISTEN, holding the table's advisory lock shared. */
    static String listenLock(Tables tables) {
        return "SELECT pg_advisory_lock_shared(" + LOCK_CLASS + ", " + lockKey(tables) + ")";
    }

    /** The statement a listener runs when it stops listening. */
    static String listenUnlock(Tables tables) {
        return "SELECT pg_advisory_unlock_shared(" + LOCK_CLASS + ", " + lockKey(tables) + ")";
    }
}
