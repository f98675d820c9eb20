package io.eventsourcing.spring.boot.internal;

import io.eventsourcing.jdbc.DcbTables;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.Tables;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One Flyway history per application (<app>_schema_history, beside its tables), so the migrations of
 * several applications, and the user's own Flyway migrations in flyway_schema_history, never meet.
 * The statements are the dialect's own (what CREATE_TABLE=true runs), so the tables are the same
 * however they were made, on every database the library supports. Baselining at version 0 lets the
 * migration run in a database that has other tables already; since each statement leaves an existing
 * table alone, tables made earlier by CREATE_TABLE=true are adopted as they are.
 */

/**
 * Version 1 of an application's tables, as a Flyway migration: events, snapshots and tracking; and, in a
 * history of their own, its DCB tables.
 */
final class EventTablesMigration implements JavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(EventTablesMigration.class);

    private final List<String> statements;
    private final String description;

    private EventTablesMigration(List<String> statements, String description) {
        this.statements = statements;
        this.description = description;
    }

    /** Brings the application's tables up to the newest version. */
    static void migrate(SpringContexts.Database database, Tables tables) {
        migrate(database, JdbcFactory.createTableStatements(database.dialect(), tables),
                tables.prefix() + "_schema_history", tables.prefix() + " event tables", tables.schema());
    }

    /**
     * Brings the application's DCB tables up to the newest version, in a history of their own
     * ({@code <app>_dcb_schema_history}), run when the application first uses its DCB store.
     */
    static void migrateDcb(SpringContexts.Database database, DcbTables tables) {
        migrate(database, JdbcFactory.createDcbTableStatements(database.dialect(), tables),
                tables.tables().prefix() + "_dcb_schema_history", tables.tables().prefix() + " DCB tables",
                tables.schema());
    }

    private static void migrate(SpringContexts.Database database, List<String> statements, String history,
            String description, @Nullable String schema) {
        var configuration = Flyway.configure(EventTablesMigration.class.getClassLoader())
                .dataSource(database.dataSource())
                .table(history)
                .locations(new String[0])
                .javaMigrations(new EventTablesMigration(statements, description))
                .baselineOnMigrate(true)
                .baselineVersion("0");
        if (schema != null) {
            configuration = configuration.schemas(schema);
        }
        MigrateResult result = configuration.load().migrate();
        LOG.info("Flyway: {} at version {} ({} migration(s) applied)", description,
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("1");
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public @Nullable Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
