package io.eventsourcing.application;

import io.eventsourcing.persistence.CompressorSettings;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.SettingNames;
import java.util.Set;

/**
 * The settings the core reads: the backend's name, snapshotting, compression, encryption, table
 * creation ({@link InfrastructureFactory}) and the repository's cache ({@link Application}).
 */
public final class CoreSettingNames implements SettingNames {
    /** Used by {@link java.util.ServiceLoader}. */
    public CoreSettingNames() {}

    @Override
    public Set<String> names() {
        return Set.of(InfrastructureFactory.PERSISTENCE_MODULE, InfrastructureFactory.INFRASTRUCTURE_FACTORY,
                InfrastructureFactory.IS_SNAPSHOTTING_ENABLED, InfrastructureFactory.COMPRESSOR_TOPIC,
                CompressorSettings.COMPRESSOR_MAX_SIZE,
                InfrastructureFactory.CIPHER_TOPIC, InfrastructureFactory.CIPHER_KEY,
                InfrastructureFactory.CREATE_TABLE, Application.AGGREGATE_CACHE_MAXSIZE,
                Application.AGGREGATE_CACHE_FASTFORWARD);
    }
}
