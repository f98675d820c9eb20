package io.eventsourcing.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.Application;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which applications follow which: pyeventsourcing's {@code System}. Each pipe is a sequence of
 * application classes where each one follows the one before it; {@code [[Orders, Reservations,
 * Orders], [Orders, Payments]]} makes Reservations follow Orders, Orders follow Reservations, and
 * Payments follow Orders. Cycles and diamonds are allowed. Every follower must be a
 * {@link ProcessApplication}; applications are constructed by a runner through a public constructor
 * taking the settings map ({@code Map<String, String>}).
 *
 * <p>Immutable and thread-safe.
 */
public final class EventSourcingSystem {
    private final List<Class<? extends Application>> nodes;
    private final List<Edge> edges;

    /**
     * One leader and one of its followers.
     *
     * @param leader the application followed
     * @param follower the process application following it
     */
    public record Edge(Class<? extends Application> leader, Class<? extends ProcessApplication> follower) {}

    /**
     * @param pipes sequences of application classes, each following the one before
     * @throws IllegalArgumentException if a pipe is empty, or an application that follows another is
     *     not a {@link ProcessApplication}, or follows itself
     */
    public EventSourcingSystem(List<List<Class<? extends Application>>> pipes) {
        requireNonNull(pipes, "pipes");
        Set<Class<? extends Application>> nodeSet = new LinkedHashSet<>();
        Set<Edge> edgeSet = new LinkedHashSet<>();
        for (List<Class<? extends Application>> pipe : pipes) {
            if (pipe.isEmpty()) {
                throw new IllegalArgumentException("a pipe must name at least one application");
            }
            Class<? extends Application> previous = null;
            for (Class<? extends Application> node : pipe) {
                requireNonNull(node, "application class");
                nodeSet.add(node);
                if (previous != null) {
                    if (!ProcessApplication.class.isAssignableFrom(node)) {
                        throw new IllegalArgumentException(node.getName() + " follows " + previous.getName()
                                + " in a pipe, so it must extend ProcessApplication");
                    }
                    if (node == previous) {
                        throw new IllegalArgumentException(node.getName() + " cannot follow itself");
                    }
                    edgeSet.add(new Edge(previous, node.asSubclass(ProcessApplication.class)));
                }
                previous = node;
            }
        }
        this.nodes = List.copyOf(nodeSet);
        this.edges = List.copyOf(edgeSet);
    }

    /** A system of the given pipes. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied into an immutable list
    public static EventSourcingSystem of(List<Class<? extends Application>>... pipes) {
        return new EventSourcingSystem(List.of(pipes));
    }

    /** Every application, in the order first named. */
    public List<Class<? extends Application>> nodes() {
        return nodes;
    }

    /** Every (leader, follower) pair, without duplicates. */
    public List<Edge> edges() {
        return edges;
    }

    /** The applications followed by at least one other. */
    public List<Class<? extends Application>> leaders() {
        return nodes.stream().filter(n -> edges.stream().anyMatch(e -> e.leader() == n)).toList();
    }

    /** The applications that follow at least one other. */
    public List<Class<? extends ProcessApplication>> followers() {
        List<Class<? extends ProcessApplication>> followers = new ArrayList<>();
        for (Edge edge : edges) {
            if (!followers.contains(edge.follower())) {
                followers.add(edge.follower());
            }
        }
        return followers;
    }

    /** The applications a follower follows. */
    public List<Class<? extends Application>> leadersOf(Class<? extends Application> follower) {
        return edges.stream().filter(e -> e.follower() == follower).<Class<? extends Application>>map(Edge::leader)
                .toList();
    }

    /** Whether the system includes the application class. */
    public boolean contains(Class<? extends Application> type) {
        return nodes.contains(type);
    }

    /**
     * Constructs an application of the system with the given settings.
     *
     * @throws IllegalArgumentException if the class has no public constructor taking a {@code Map}
     */
    static <A extends Application> A construct(Class<A> type, Map<String, String> env) {
        try {
            return type.getConstructor(Map.class).newInstance(env);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " needs a public constructor taking the settings "
                    + "(Map<String, String> env) to run in a system", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("constructing " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot construct " + type.getName(), e);
        }
    }
}
