package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.Environment;
import javax.sql.DataSource;

/**
 * Supplies the {@link DataSource} of {@code PERSISTENCE_MODULE=jdbc} when {@code JDBC_DATASOURCE_TOPIC}
 * names a class implementing it (with a public no-argument constructor): the way to connect through
 * a cloud SQL connector, an IAM token provider, or a pool configured by the application itself.
 * The supplied data source is used as it is; the library does not wrap it in a pool of its own.
 */
@FunctionalInterface
public interface JdbcDataSourceSupplier {
    /** The data source for an application with these settings. */
    DataSource dataSource(Environment environment);
}
