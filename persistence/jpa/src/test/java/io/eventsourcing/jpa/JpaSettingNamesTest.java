package io.eventsourcing.jpa;

import io.eventsourcing.persistence.SettingNames;
import io.eventsourcing.tck.SettingNamesConformance;
import java.util.List;

class JpaSettingNamesTest extends SettingNamesConformance {
    @Override
    protected SettingNames declaration() {
        return new JpaSettingNames();
    }

    @Override
    protected List<Class<?>> settingsClasses() {
        return List.of(JpaSettings.class);
    }
}
