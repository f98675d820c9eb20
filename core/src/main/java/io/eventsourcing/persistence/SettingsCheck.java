package io.eventsourcing.persistence;

import static io.eventsourcing.persistence.InfrastructureFactory.INFRASTRUCTURE_FACTORY;
import static io.eventsourcing.persistence.InfrastructureFactory.PERSISTENCE_MODULE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Design: a misspelled variable is otherwise ignored without a word, and the setting it was meant to be
 * keeps its default. So when a backend is constructed, every variable that is not a known setting
 * (KnownSettings: what the modules on the class path declare) is compared with the known ones, plain
 * and with the application's prefix, by edit distance (a transposition counts as one edit). Variables
 * given to the application are judged strictly: a look-alike, a name that a setting starts with or
 * that starts with one (JDBC_USERNAME, POSTGRES_DB), and a name with the application's prefix that
 * names no setting are all reported. The process environment belongs to every tool of the machine
 * (PATH, JAVA_HOME, a database image's POSTGRES_DB), so from it only close look-alikes are reported.
 * A variable made of some prefix and a known setting is another application's setting and is left
 * alone, also when the two applications' names are alike (SHARD1_, SHARD2_), at the price of not
 * noticing a misspelled prefix. Reports are warnings, logged once per process each, except for a look-alike of the variable that
 * picks the backend: ignoring that would put the events somewhere else than meant (in memory, lost at
 * exit, when nothing else is set), so it is refused.
 */

/**
 * Reports variables that are not settings but look like one: a warning naming the setting they
 * resemble, or a {@link ConfigurationException} when they resemble {@code PERSISTENCE_MODULE}.
 *
 * <p>Thread-safe.
 */
final class SettingsCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsCheck.class);
    private static final Set<String> BACKEND_SETTINGS = Set.of(PERSISTENCE_MODULE, INFRASTRUCTURE_FACTORY);
    /** The shortest name for which "starts with" counts as resembling. */
    private static final int SHORTEST_EXTENDED = 8;
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private SettingsCheck() {}

    /**
     * A variable that is not a setting.
     *
     * @param variable its name as found
     * @param given whether it was given to the application (else it is from the process environment)
     * @param resembles the setting it resembles, with the application's prefix if it was compared with
     *     that, or null if it resembles none but carries the application's prefix
     * @param refused whether it is refused rather than reported: it resembles a variable that picks the
     *     backend
     */
    record Finding(String variable, boolean given, @Nullable String resembles, boolean refused) {}

    /**
     * Checks the variables against the settings the modules on the class path declare.
     *
     * @throws ConfigurationException if a variable resembles {@code PERSISTENCE_MODULE} or
     *     {@code INFRASTRUCTURE_FACTORY}
     */
    static void check(Environment environment) {
        check(environment, KnownSettings.names());
    }

    /** Checks against the given settings: warns once per process about each finding, refuses the fatal ones. */
    static void check(Environment environment, Set<String> known) {
        List<Finding> findings = findings(environment, known);
        for (Finding finding : findings) {
            if (finding.refused()) {
                throw new ConfigurationException(message(finding, environment));
            }
        }
        for (Finding finding : findings) {
            String message = message(finding, environment);
            if (WARNED.add(message)) {
                LOG.warn(message);
            }
        }
    }

    /** The variables that are not settings but look like one, in the order of their names. */
    static List<Finding> findings(Environment environment, Set<String> known) {
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, String> variable : new TreeMap<>(environment.variables()).entrySet()) {
            if (!variable.getValue().isBlank()) {
                Finding finding = examine(variable.getKey(), environment.isGiven(variable.getKey()),
                        environment.prefix(), known);
                if (finding != null) {
                    findings.add(finding);
                }
            }
        }
        return findings;
    }

    /** The message of a finding, naming the variable, where it came from and what it resembles. */
    static String message(Finding finding, Environment environment) {
        String where = finding.variable() + " (" + (finding.given() ? "given to " : "in the process environment of ")
                + environment.name() + ")";
        if (finding.resembles() == null) {
            return where + " starts with the application's prefix " + environment.prefix()
                    + " but names no setting, and is ignored; declare a setting of your own with a "
                    + SettingNames.class.getName() + " service";
        }
        if (!finding.refused()) {
            return where + " is not a setting and is ignored: did you mean " + finding.resembles() + "?";
        }
        String instead = environment.contains(PERSISTENCE_MODULE)
                ? "use " + environment.sourceOf(PERSISTENCE_MODULE) + "=" + environment.get(PERSISTENCE_MODULE, "")
                : environment.contains(INFRASTRUCTURE_FACTORY)
                        ? "use " + environment.sourceOf(INFRASTRUCTURE_FACTORY) + "="
                                + environment.get(INFRASTRUCTURE_FACTORY, "")
                        : "keep its events in memory and lose them at exit";
        return where + " is not a setting: did you mean " + finding.resembles() + "? It picks the backend, so it "
                + "is refused rather than ignored: " + environment.name() + " would " + instead;
    }

    private static @Nullable Finding examine(String variable, boolean given, String prefix, Set<String> known) {
        if (known.contains(variable)
                || !prefix.isEmpty() && variable.startsWith(prefix) && known.contains(variable.substring(prefix.length()))) {
            return null;
        }
        if (isAnotherApplicationsSetting(variable, known)) {
            return null;
        }
        String upper = variable.toUpperCase(Locale.ROOT);
        String resembles = resembled(upper, prefix, known, given);
        if (resembles != null) {
            String plain = !prefix.isEmpty() && resembles.startsWith(prefix) ? resembles.substring(prefix.length()) : resembles;
            return new Finding(variable, given, resembles, BACKEND_SETTINGS.contains(plain));
        }
        if (given && !prefix.isEmpty() && upper.startsWith(prefix)) {
            return new Finding(variable, true, null, false);
        }
        return null;
    }

    /**
     * Whether the variable is {@code OTHER_} followed by a known setting: another application's setting,
     * even when the two names are alike ({@code SHARD1_}, {@code SHARD2_}).
     */
    private static boolean isAnotherApplicationsSetting(String variable, Set<String> known) {
        for (int i = variable.indexOf('_'); i > 0; i = variable.indexOf('_', i + 1)) {
            if (known.contains(variable.substring(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The edits allowed between a look-alike and a name: one for a short name, two for a longer one. */
    private static int allowed(String name) {
        return name.length() <= 10 ? 1 : 2;
    }

    /** The known setting, plain or prefixed, that the upper-cased variable resembles most, if any. */
    private static @Nullable String resembled(String upper, String prefix, Set<String> known, boolean given) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String setting : known) {
            for (String candidate : prefix.isEmpty() ? List.of(setting) : List.of(setting, prefix + setting)) {
                int allowed = allowed(candidate);
                int distance = distance(upper, candidate, allowed);
                if (distance > allowed) {
                    if (!given || !extends_(upper, candidate)) {
                        continue;
                    }
                    distance = allowed + 1;    // resembles it, but less than any look-alike does
                }
                if (distance < bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    /** Whether one name starts with the other, both long enough for that to mean something. */
    private static boolean extends_(String a, String b) {
        return Math.min(a.length(), b.length()) >= SHORTEST_EXTENDED && (a.startsWith(b) || b.startsWith(a));
    }

    /**
     * The optimal string alignment distance (edits, with a swap of neighbours as one), or
     * {@code limit + 1} as soon as it is known to be above {@code limit}.
     */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] before = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    value = Math.min(value, before[j - 2] + 1);
                }
                current[j] = value;
                rowMinimum = Math.min(rowMinimum, value);
            }
            if (rowMinimum > limit) {
                return limit + 1;
            }
            int[] recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }
        return Math.min(previous[b.length()], limit + 1);
    }
}
