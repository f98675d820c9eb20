package io.eventsourcing.postgres;

import io.eventsourcing.persistence.SettingNames;
import io.eventsourcing.tck.SettingNamesConformance;
import java.util.List;

class PostgresSettingNamesTest extends SettingNamesConformance {
    @Override
    protected SettingNames declaration() {
        return new PostgresSettingNames();
    }

    @Override
    protected List<Class<?>> settingsClasses() {
        return List.of(PostgresSettings.class, PostgresFactory.class);
    }
}
