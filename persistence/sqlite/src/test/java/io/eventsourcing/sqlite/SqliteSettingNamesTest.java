package io.eventsourcing.sqlite;

import io.eventsourcing.persistence.SettingNames;
import io.eventsourcing.tck.SettingNamesConformance;
import java.util.List;

class SqliteSettingNamesTest extends SettingNamesConformance {
    @Override
    protected SettingNames declaration() {
        return new SqliteSettingNames();
    }

    @Override
    protected List<Class<?>> settingsClasses() {
        return List.of(SqliteFactory.class);
    }
}
