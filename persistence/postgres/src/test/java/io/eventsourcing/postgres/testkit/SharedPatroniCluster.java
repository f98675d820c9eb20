package io.eventsourcing.postgres.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one {@link PatroniCluster} of three nodes for the whole test run, so that the test classes
 * on it do not each wait for a cluster to start: it is launched for the first test that asks for it
 * (a parameter of type {@code PatroniCluster}) and closed when the run ends. Tests that kill or switch
 * over its primary wait for it to be whole again ({@link PatroniCluster#awaitHealthy}) before they end,
 * and each uses a database of its own.
 */
public final class SharedPatroniCluster implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SharedPatroniCluster.class);

    /** Used by JUnit. */
    public SharedPatroniCluster() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PatroniCluster.class;
    }

    @Override
    public PatroniCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent("cluster", key -> PatroniCluster.launch(3),
                PatroniCluster.class);
    }
}
