/** PostgreSQL recorders with LISTEN/NOTIFY subscriptions ({@code PERSISTENCE_MODULE=postgres}). */
module io.eventsourcing.postgres {
    requires transitive io.eventsourcing.jdbc;
    requires org.postgresql.jdbc;
    requires com.zaxxer.hikari;
    requires static org.jspecify;

    exports io.eventsourcing.postgres;

    provides io.eventsourcing.jdbc.JdbcDialect with io.eventsourcing.postgres.PostgresDialect;
    provides io.eventsourcing.persistence.InfrastructureFactoryProvider
        with io.eventsourcing.postgres.PostgresFactoryProvider;
    provides io.eventsourcing.persistence.SettingNames with io.eventsourcing.postgres.PostgresSettingNames;
}
