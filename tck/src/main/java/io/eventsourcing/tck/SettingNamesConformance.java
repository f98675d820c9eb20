package io.eventsourcing.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.persistence.SettingNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The contract of a module's {@link SettingNames}: it is found by the {@link ServiceLoader}, its names are
 * upper-case words, and it declares every setting its settings classes name, so that no setting the
 * module reads is reported as a misspelling. A setting is a {@code public static final String} constant
 * whose value is its own name ({@code JDBC_URL = "JDBC_URL"}), the way every module names its variables.
 *
 * <p>A module runs it by giving its declaration and the classes holding its setting constants:
 *
 * <pre>{@code
 * class JdbcSettingNamesTest extends SettingNamesConformance {
 *     @Override protected SettingNames declaration() { return new JdbcSettingNames(); }
 *     @Override protected List<Class<?>> settingsClasses() { return List.of(JdbcSettings.class); }
 * }
 * }</pre>
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class SettingNamesConformance {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

    /** The module's declaration. */
    protected abstract SettingNames declaration();

    /** The classes whose constants name the module's settings: its settings record, its factory. */
    protected abstract List<Class<?>> settingsClasses();

    @Test
    void declares_every_setting_constant_of_its_settings_classes() throws IllegalAccessException {
        Set<String> constants = new TreeSet<>();
        for (Class<?> type : settingsClasses()) {
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                        && field.getType() == String.class
                        && field.getName().equals(field.get(null))) {
                    constants.add(field.getName());
                }
            }
        }

        assertThat(constants).as("the setting constants of %s", settingsClasses()).isNotEmpty();
        assertThat(declaration().names()).as("the names %s declares", declaration().getClass().getName())
                .containsAll(constants);
    }

    @Test
    void is_found_by_the_service_loader() {
        List<Class<?>> found = ServiceLoader.load(SettingNames.class).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).toList();

        assertThat(found).as("the SettingNames services on the class path").contains(declaration().getClass());
    }

    @Test
    void declares_upper_case_words_joined_by_underscores() {
        assertThat(declaration().names()).isNotEmpty().allSatisfy(name -> assertThat(name).matches(NAME));
    }
}
