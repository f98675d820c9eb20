package io.eventsourcing.persistence;

import java.util.Set;

/**
 * Makes a backend's {@link InfrastructureFactory}; found with {@link java.util.ServiceLoader} under
 * short names ({@code PERSISTENCE_MODULE=memory}). A backend registers its provider in
 * {@code META-INF/services/io.eventsourcing.persistence.InfrastructureFactoryProvider} and in its
 * {@code module-info.java}. Implementations have a public no-argument constructor.
 */
public interface InfrastructureFactoryProvider {
    /** The short names that select this backend, lower case, the first being the main one. */
    Set<String> names();

    /** A new factory for the given settings. */
    InfrastructureFactory create(Environment environment);
}
