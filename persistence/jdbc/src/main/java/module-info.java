/**
 * Recorders on any JDBC database: the SQL backends' shared machinery and the MariaDB/MySQL and H2
 * dialects ({@code PERSISTENCE_MODULE=jdbc}).
 */
module io.eventsourcing.jdbc {
    requires transitive io.eventsourcing.core;
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    requires static org.jspecify;

    exports io.eventsourcing.jdbc;

    uses io.eventsourcing.jdbc.JdbcDialect;
    provides io.eventsourcing.jdbc.JdbcDialect with io.eventsourcing.jdbc.MariaDbDialect, io.eventsourcing.jdbc.H2Dialect;
    provides io.eventsourcing.persistence.InfrastructureFactoryProvider with io.eventsourcing.jdbc.JdbcFactoryProvider;
    provides io.eventsourcing.persistence.SettingNames with io.eventsourcing.jdbc.JdbcSettingNames;
}
