package io.eventsourcing.spring.boot;

import io.eventsourcing.persistence.SettingNames;
import io.eventsourcing.spring.boot.internal.SpringFactory;
import io.eventsourcing.spring.boot.internal.SpringSettingNames;
import io.eventsourcing.tck.SettingNamesConformance;
import java.util.List;

class SpringSettingNamesTest extends SettingNamesConformance {
    @Override
    protected SettingNames declaration() {
        return new SpringSettingNames();
    }

    @Override
    protected List<Class<?>> settingsClasses() {
        return List.of(EventSourcingAutoConfiguration.class, SpringFactory.class);
    }
}
