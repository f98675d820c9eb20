package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one application: the variables given to it, over the process environment. A
 * variable prefixed with the application's upper-cased name wins over the plain one, so several
 * applications in one process can be configured apart ({@code DOGSCHOOL_PERSISTENCE_MODULE} over
 * {@code PERSISTENCE_MODULE}). Values are trimmed; an empty value counts as unset. It remembers which
 * variables were given and which came from the process environment, so that the check of misspelled
 * settings can be strict about the first and careful about the second.
 *
 * <p>Immutable and thread-safe.
 */
public final class Environment {
    private static final Set<String> TRUE = Set.of("y", "yes", "t", "true", "on", "1");
    private static final Set<String> FALSE = Set.of("n", "no", "f", "false", "off", "0");

    private final String name;
    private final String prefix;
    private final Map<String, String> variables;
    /** The names of the variables given to the application, as opposed to those of the process environment. */
    private final Set<String> given;

    private Environment(String name, Map<String, String> variables, Set<String> given) {
        this.name = requireNonNull(name, "name");
        this.prefix = name.isEmpty() ? "" : name.toUpperCase(Locale.ROOT) + "_";
        this.variables = Map.copyOf(variables);
        this.given = Set.copyOf(given);
    }

    /** The given variables over the process environment, for the named application. */
    public static Environment of(String name, Map<String, String> env) {
        return of(name, env, System.getenv());
    }

    /** The given variables over {@code process}, which stands for the process environment. */
    static Environment of(String name, Map<String, String> env, Map<String, String> process) {
        requireNonNull(env, "env");
        Map<String, String> merged = new HashMap<>(process);
        env.forEach((key, value) -> merged.put(requireNonNull(key, "env key"),
                requireNonNull(value, () -> "value of env key " + key)));
        return new Environment(name, merged, env.keySet());
    }

    /** Only the given variables, ignoring the process environment: for tests and embedded use. */
    public static Environment isolated(String name, Map<String, String> env) {
        return new Environment(name, env, env.keySet());
    }

    /** The same variables seen by another application name. */
    public Environment withName(String otherName) {
        return new Environment(otherName, variables, given);
    }

    /** The same variables with some added or replaced; those added count as given. */
    public Environment with(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(variables);
        merged.putAll(more);
        Set<String> alsoGiven = new HashSet<>(given);
        alsoGiven.addAll(more.keySet());
        return new Environment(name, merged, alsoGiven);
    }

    /** The application name the variables are looked up for. */
    public String name() {
        return name;
    }

    /**
     * The value of a variable: {@code NAME_KEY} if set, else {@code KEY}; absent if neither is set
     * to a non-blank value.
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(find(key));
    }

    /** The value of a variable, or {@code defaultValue}. */
    public String get(String key, String defaultValue) {
        String value = find(key);
        return value != null ? value : defaultValue;
    }

    /** Whether a variable is set (prefixed or plain). */
    public boolean contains(String key) {
        return find(key) != null;
    }

    /** The variable name that supplies a value, for messages: {@code NAME_KEY} if set, else {@code KEY}. */
    public String sourceOf(String key) {
        String prefixed = prefix + key;
        return !prefix.isEmpty() && nonBlank(variables.get(prefixed)) != null ? prefixed : key;
    }

    /**
     * A boolean variable: {@code y, yes, t, true, on, 1} or {@code n, no, f, false, off, 0}, any case.
     *
     * @throws ConfigurationException for any other value, naming the variable and the allowed values
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        String value = find(key);
        if (value == null) {
            return defaultValue;
        }
        String normalised = value.toLowerCase(Locale.ROOT);
        if (TRUE.contains(normalised)) {
            return true;
        }
        if (FALSE.contains(normalised)) {
            return false;
        }
        throw new ConfigurationException(sourceOf(key) + " '" + value
                + "' is not a boolean: use one of true, false (or y, yes, t, on, 1 / n, no, f, off, 0)");
    }

    /**
     * An integer variable.
     *
     * @throws ConfigurationException if the value is not an integer, naming the variable
     */
    public int getInt(String key, int defaultValue) {
        String value = find(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(sourceOf(key) + " '" + value + "' is not an integer", e);
        }
    }

    /**
     * An integer variable that must lie in {@code [min, max]}.
     *
     * @throws ConfigurationException if the value is not an integer in range, naming the variable
     */
    public int getInt(String key, int defaultValue, int min, int max) {
        int value = getInt(key, defaultValue);
        if (value < min || value > max) {
            throw new ConfigurationException(
                    sourceOf(key) + " '" + value + "' is out of range: use an integer from " + min + " to " + max);
        }
        return value;
    }

    /**
     * A duration in seconds (decimals allowed: {@code 0.5}).
     *
     * @throws ConfigurationException if the value is not a non-negative number, naming the variable
     */
    public Duration getSeconds(String key, Duration defaultValue) {
        String value = find(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            double seconds = Double.parseDouble(value);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw new NumberFormatException("negative or not finite");
            }
            return Duration.ofNanos(Math.round(seconds * 1e9));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(
                    sourceOf(key) + " '" + value + "' is not a number of seconds (e.g. 5 or 0.5)", e);
        }
    }

    /** Every variable, given or from the process environment, by name. */
    Map<String, String> variables() {
        return variables;
    }

    /** Whether a variable was given to the application rather than found in the process environment. */
    boolean isGiven(String variable) {
        return given.contains(variable);
    }

    /** The prefix of this application's variables, {@code DOGSCHOOL_}; empty for an empty name. */
    String prefix() {
        return prefix;
    }

    private @Nullable String find(String key) {
        requireNonNull(key, "key");
        if (!prefix.isEmpty()) {
            String prefixed = nonBlank(variables.get(prefix + key));
            if (prefixed != null) {
                return prefixed;
            }
        }
        return nonBlank(variables.get(key));
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    @Override
    public String toString() {
        return "Environment[" + name + "]";
    }
}
