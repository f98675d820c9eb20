package io.eventsourcing.jdbc;

import io.eventsourcing.persistence.SettingNames;
import io.eventsourcing.tck.SettingNamesConformance;
import java.util.List;

class JdbcSettingNamesTest extends SettingNamesConformance {
    @Override
    protected SettingNames declaration() {
        return new JdbcSettingNames();
    }

    @Override
    protected List<Class<?>> settingsClasses() {
        return List.of(JdbcSettings.class);
    }
}
