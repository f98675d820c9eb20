package io.eventsourcing.jpa;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.jdbc.JdbcView;
import io.eventsourcing.persistence.ConfigurationException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** A {@link JdbcView} writes on JDBC connections, which the JPA backend's tracking recorder does not lend. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JdbcViewOnJpaTest {

    static final class Titles extends JdbcView {
        Titles(Map<String, String> env) {
            super("Titles", env);
        }
    }

    @Test
    void a_view_on_the_jpa_backend_is_refused_naming_the_setting() {
        String url = "jdbc:h2:mem:view" + UUID.randomUUID().toString().replace("-", "");

        assertThatThrownBy(() -> new Titles(Map.of("PERSISTENCE_MODULE", "jpa", "JDBC_URL", url)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Titles writes its view on JDBC connections, and the tracking recorder of JpaFactory "
                        + "(JpaTrackingRecorder) has transactions of another kind: set PERSISTENCE_MODULE to sqlite, "
                        + "postgres or jdbc");
    }
}
