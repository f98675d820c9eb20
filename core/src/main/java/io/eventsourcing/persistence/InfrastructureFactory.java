package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.dcb.DcbRecorder;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds a backend's recorders and the mapper for one application, from its {@link Environment}.
 * {@link #construct(Environment)} picks the backend named by {@code PERSISTENCE_MODULE}: a short name
 * found through {@link InfrastructureFactoryProvider}s ({@code memory}, {@code sqlite}, ...), or the
 * class name of an {@code InfrastructureFactory} subclass (with a public constructor taking an
 * {@code Environment}) or of a provider.
 *
 * <p>Thread-safe. Closing the factory closes what it made.
 */
public abstract class InfrastructureFactory implements AutoCloseable {
    /** Names the backend: a short name or a class name. Default {@code memory}. */
    public static final String PERSISTENCE_MODULE = "PERSISTENCE_MODULE";
    /** An alias of {@link #PERSISTENCE_MODULE} taking a class name, as pyeventsourcing's. */
    public static final String INFRASTRUCTURE_FACTORY = "INFRASTRUCTURE_FACTORY";
    /** {@code true}: the application keeps snapshots. Default false. */
    public static final String IS_SNAPSHOTTING_ENABLED = "IS_SNAPSHOTTING_ENABLED";
    /** {@code zlib}, {@code gzip}, or a {@link Compressor} class name. Default: no compression. */
    public static final String COMPRESSOR_TOPIC = "COMPRESSOR_TOPIC";
    /** {@code aes} or a {@link Cipher} class name. Default: {@code aes} when {@code CIPHER_KEY} is set. */
    public static final String CIPHER_TOPIC = "CIPHER_TOPIC";
    /** The cipher key, see {@link AesCipher}. */
    public static final String CIPHER_KEY = AesCipher.CIPHER_KEY;
    /** {@code false}: do not create tables on start. Default true. */
    public static final String CREATE_TABLE = "CREATE_TABLE";
    /** The backend used when nothing is configured. */
    public static final String DEFAULT_MODULE = "memory";

    private final Environment environment;

    /** @param environment the application's settings */
    protected InfrastructureFactory(Environment environment) {
        this.environment = requireNonNull(environment, "environment");
    }

    /**
     * The factory of the backend named by {@code PERSISTENCE_MODULE} (or {@code INFRASTRUCTURE_FACTORY}).
     * Variables that are not settings but resemble one are reported first (see {@link SettingNames}).
     *
     * @throws InfrastructureFactoryException if the value names no backend found, listing those found
     * @throws ConfigurationException if the backend rejects its settings, or a variable resembles
     *     {@code PERSISTENCE_MODULE} (a misspelled backend would otherwise be ignored)
     */
    public static InfrastructureFactory construct(Environment environment) {
        requireNonNull(environment, "environment");
        SettingsCheck.check(environment);
        String variable = environment.contains(PERSISTENCE_MODULE) || !environment.contains(INFRASTRUCTURE_FACTORY)
                ? PERSISTENCE_MODULE : INFRASTRUCTURE_FACTORY;
        if (!environment.contains(variable)) {
            DefaultBackendNotice.PROCESS.tell(environment);
        }
        String module = environment.get(variable, DEFAULT_MODULE);
        List<InfrastructureFactoryProvider> providers = providers();
        for (InfrastructureFactoryProvider provider : providers) {
            if (provider.names().contains(module.toLowerCase(Locale.ROOT))) {
                return provider.create(environment);
            }
        }
        Class<?> type = loadClass(module);
        if (type == null) {
            TreeSet<String> names = new TreeSet<>();
            providers.forEach(p -> names.addAll(p.names()));
            throw new InfrastructureFactoryException(environment.sourceOf(variable) + " '" + module
                    + "' is not one of: " + String.join(", ", names)
                    + " (found on the class path), nor the class name of an InfrastructureFactory or "
                    + "InfrastructureFactoryProvider; add the backend's jar (e.g. eventsourcing-sqlite) for more");
        }
        try {
            if (InfrastructureFactoryProvider.class.isAssignableFrom(type)) {
                return ((InfrastructureFactoryProvider) type.getConstructor().newInstance()).create(environment);
            }
            if (InfrastructureFactory.class.isAssignableFrom(type)) {
                return (InfrastructureFactory) type.getConstructor(Environment.class).newInstance(environment);
            }
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new InfrastructureFactoryException("cannot construct " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new InfrastructureFactoryException(environment.sourceOf(variable) + " '" + module
                    + "' has no public constructor taking an Environment (factory) or nothing (provider)", e);
        }
        throw new InfrastructureFactoryException(environment.sourceOf(variable) + " '" + module
                + "' is neither an InfrastructureFactory nor an InfrastructureFactoryProvider");
    }

    /** The settings this factory was made with. */
    public Environment environment() {
        return environment;
    }

    /** A mapper with the standard transcoder and the configured compressor and cipher. */
    public Mapper mapper() {
        return mapper(Transcoder.standard());
    }

    /**
     * A mapper with the given transcoder and the configured compressor and cipher.
     *
     * @throws ConfigurationException if {@code COMPRESSOR_TOPIC}, {@code COMPRESSOR_MAX_SIZE},
     *     {@code CIPHER_TOPIC} or {@code CIPHER_KEY} is invalid
     */
    public Mapper mapper(Transcoder transcoder) {
        return new Mapper(transcoder, compressor(), cipher(), CompressorSettings.from(environment).maxDecodedSize());
    }

    /**
     * The compressor named by {@code COMPRESSOR_TOPIC}, or null if it is unset.
     *
     * @throws ConfigurationException if it names none
     */
    public @Nullable Compressor compressor() {
        return Codecs.compressor(environment, CompressorSettings.from(environment));
    }

    /**
     * The cipher named by {@code CIPHER_TOPIC} (AES when only {@code CIPHER_KEY} is set), or null if
     * neither is set.
     *
     * @throws ConfigurationException if the topic names no cipher or the key is missing or invalid
     */
    public @Nullable Cipher cipher() {
        return Codecs.cipher(environment);
    }

    /**
     * Whether {@code IS_SNAPSHOTTING_ENABLED} is true.
     *
     * @throws ConfigurationException if it is not a boolean
     */
    public boolean isSnapshottingEnabled() {
        return environment.getBoolean(IS_SNAPSHOTTING_ENABLED, false);
    }

    /**
     * Whether tables should be created on first use ({@code CREATE_TABLE}, default true).
     *
     * @throws ConfigurationException if it is not a boolean
     */
    public boolean createTable() {
        return environment.getBoolean(CREATE_TABLE, true);
    }

    /** A recorder for aggregate events or snapshots ({@code purpose}: {@code "events"}, {@code "snapshots"}). */
    public abstract AggregateRecorder aggregateRecorder(String purpose);

    /** The application's event recorder, with its notification log. */
    public abstract ApplicationRecorder applicationRecorder();

    /** A tracking recorder, e.g. for a projection's view. */
    public abstract TrackingRecorder trackingRecorder();

    /** A process recorder, for a process application. */
    public abstract ProcessRecorder processRecorder();

    /**
     * The application's DCB event store ({@code <app>_dcb_events} on the SQL backends).
     *
     * @throws NotSupportedException if this backend has none (the default)
     */
    public DcbRecorder dcbRecorder() {
        throw new NotSupportedException(getClass().getName() + " has no DCB recorder");
    }

    /**
     * The calling thread's external transaction, or null if it is in none: a transaction that the
     * recorders join but that neither they nor the application begin or end, because a framework manages
     * it (a Spring-managed transaction, the current {@code EntityManager}'s in JPA managed mode). The
     * application then bypasses its cache and announces what it saved only once that transaction
     * commits. The object only tells one transaction from another (it stays the same through one
     * transaction and differs for the next); the default: always null.
     */
    public @Nullable Object externalTransaction() {
        return null;
    }

    /** Whether the calling thread is in an external transaction: {@link #externalTransaction} is not null. */
    public final boolean inExternalTransaction() {
        return externalTransaction() != null;
    }

    /**
     * Arranges for {@code completion} to be called on this thread when its external transaction ends,
     * with {@code true} if it committed and {@code false} if it rolled back.
     *
     * @throws IllegalStateException if the thread is not in an external transaction (the default
     *     always throws, as {@link #inExternalTransaction} is always false)
     */
    public void afterExternalTransaction(Consumer<Boolean> completion) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no external transactions");
    }

    /** Closes what the factory made. The default does nothing. */
    @Override
    public void close() {}

    private static List<InfrastructureFactoryProvider> providers() {
        List<InfrastructureFactoryProvider> found = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, InfrastructureFactory.class.getClassLoader()}) {
            for (InfrastructureFactoryProvider provider : ServiceLoader.load(InfrastructureFactoryProvider.class, loader)) {
                if (seen.add(provider.getClass())) {
                    found.add(provider);
                }
            }
        }
        return found;
    }

    static @Nullable Class<?> loadClass(String name) {
        if (!name.contains(".")) {
            return null;
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return Class.forName(name, true, loader != null ? loader : InfrastructureFactory.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
