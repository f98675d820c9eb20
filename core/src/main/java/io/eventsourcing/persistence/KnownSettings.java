package io.eventsourcing.persistence;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The registry of settings: the union of the names every {@link SettingNames} service on the class path
 * (or module path) declares. Loaded once per class loader, since the modules present do not change.
 *
 * <p>Thread-safe.
 */
final class KnownSettings {
    /** By context class loader; the values hold only strings, so no loader is kept alive by them. */
    private static final Map<@Nullable ClassLoader, Set<String>> LOADED = Collections.synchronizedMap(new WeakHashMap<>());

    private KnownSettings() {}

    /** Every setting declared by a module found from the calling thread's context class loader, in order. */
    static Set<String> names() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Set<String> names = LOADED.get(context);
        if (names == null) {
            names = load(context);
            LOADED.put(context, names);
        }
        return names;
    }

    private static Set<String> load(@Nullable ClassLoader context) {
        Set<String> names = new TreeSet<>();
        Set<Class<?>> seen = new HashSet<>();
        for (ClassLoader loader : new ClassLoader[] {context, KnownSettings.class.getClassLoader()}) {
            for (SettingNames declared : ServiceLoader.load(SettingNames.class, loader)) {
                if (seen.add(declared.getClass())) {
                    names.addAll(declared.names());
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }
}
