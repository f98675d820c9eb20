package io.eventsourcing.spring.boot.internal;

import io.eventsourcing.jdbc.ExternalTransactions;
import java.sql.Connection;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/*
 * A thread is in a Spring transaction on the data source when a transaction is active and the
 * transaction manager has bound a connection holder for that data source: DataSourceTransactionManager
 * does, and so does JpaTransactionManager (with the EntityManager's connection) when it knows the data
 * source, as Spring Boot's does (without marking the holder synchronized with the transaction, so that
 * mark is not asked for). A transaction of another manager, or on another data source, has no
 * holder for ours; the datastore then runs its own transaction, as outside Spring. We do not ask
 * DataSourceUtils for a connection in that case: it would hand out a new auto-commit connection.
 */

/** Spring-managed transactions, joined by the application's datastore. */
public final class SpringTransactions implements ExternalTransactions {

    @Override
    public @Nullable Connection connection(DataSource dataSource) {
        if (transaction(dataSource) == null) {
            return null;
        }
        return DataSourceUtils.getConnection(dataSource);
    }

    @Override
    public void release(Connection connection, DataSource dataSource) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }

    /** The connection holder the transaction manager bound for the transaction: one per transaction. */
    @Override
    public @Nullable Object transaction(DataSource dataSource) {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder
                ? holder : null;
    }

    @Override
    public void afterCompletion(DataSource dataSource, Consumer<Boolean> completion) {
        if (transaction(dataSource) == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("no Spring transaction with synchronization on this thread");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                completion.accept(status == STATUS_COMMITTED);
            }
        });
    }
}
