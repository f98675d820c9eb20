package io.eventsourcing.tck.memory;

import io.eventsourcing.application.Application;
import io.eventsourcing.application.CoreSettingNames;
import io.eventsourcing.persistence.AesCipher;
import io.eventsourcing.persistence.CompressorSettings;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.SettingNames;
import io.eventsourcing.tck.SettingNamesConformance;
import java.util.List;

class CoreSettingNamesTest extends SettingNamesConformance {
    @Override
    protected SettingNames declaration() {
        return new CoreSettingNames();
    }

    @Override
    protected List<Class<?>> settingsClasses() {
        return List.of(InfrastructureFactory.class, Application.class, AesCipher.class, CompressorSettings.class);
    }
}
