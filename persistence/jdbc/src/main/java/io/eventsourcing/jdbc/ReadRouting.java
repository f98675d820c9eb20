package io.eventsourcing.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * Which datastore a recorder's read goes to: the replicas' for the notification log (and, if they take
 * them, the aggregates), the primary's for everything else and for every read made inside a
 * transaction, which must see that transaction's own writes. See {@link JdbcReplicas}.
 */
final class ReadRouting {
    private ReadRouting() {}

    /** Where a read of the notification log goes. */
    static JdbcDatastore log(JdbcDatastore primary, @Nullable JdbcReplicas replicas) {
        return replicas != null && outsideTransactions(primary) ? replicas.datastore() : primary;
    }

    /** Where a read of an aggregate's events or snapshots goes. */
    static JdbcDatastore aggregates(JdbcDatastore primary, @Nullable JdbcReplicas replicas) {
        return replicas != null && replicas.aggregateReads() && outsideTransactions(primary) ? replicas.datastore()
                : primary;
    }

    private static boolean outsideTransactions(JdbcDatastore primary) {
        return !primary.inTransaction() && primary.externalTransaction() == null;
    }
}
