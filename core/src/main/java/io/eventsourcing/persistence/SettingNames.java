package io.eventsourcing.persistence;

import java.util.Set;

/**
 * The settings one module reads: the names of its variables, so that a variable which is not a setting
 * but looks like one can be reported when an application is constructed ({@code PERSISTANCE_MODULE},
 * {@code IS_SNAPSHOTING_ENABLED}). Found with {@link java.util.ServiceLoader}: every module of the
 * library declares one beside its typed settings, in
 * {@code META-INF/services/io.eventsourcing.persistence.SettingNames} and in its {@code module-info.java};
 * an application that reads settings of its own declares them the same way, so that they are not
 * reported.
 *
 * <p>Implementations have a public no-argument constructor and are thread-safe.
 */
public interface SettingNames {
    /**
     * The variables, as written without an application's prefix: {@code POSTGRES_HOST}, not
     * {@code DOGSCHOOL_POSTGRES_HOST}. Upper-case words joined by underscores.
     */
    Set<String> names();
}
