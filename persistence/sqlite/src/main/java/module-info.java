/** SQLite recorders, the embedded default ({@code PERSISTENCE_MODULE=sqlite}). */
module io.eventsourcing.sqlite {
    requires transitive io.eventsourcing.jdbc;
    requires org.xerial.sqlitejdbc;
    requires com.zaxxer.hikari;
    requires static org.jspecify;

    exports io.eventsourcing.sqlite;

    provides io.eventsourcing.jdbc.JdbcDialect with io.eventsourcing.sqlite.SqliteDialect;
    provides io.eventsourcing.persistence.InfrastructureFactoryProvider with io.eventsourcing.sqlite.SqliteFactoryProvider;
    provides io.eventsourcing.persistence.SettingNames with io.eventsourcing.sqlite.SqliteSettingNames;
}
