package io.eventsourcing.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The settings of {@code PERSISTENCE_MODULE=jdbc}: {@code JDBC_URL}, its dialect, and {@code JDBC_DATASOURCE_TOPIC}. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JdbcFactoryTest {

    static InfrastructureFactory construct(String name, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PERSISTENCE_MODULE", "jdbc");
        return InfrastructureFactory.construct(Environment.isolated(name, all));
    }

    @Nested
    class A_data_source_supplier {
        private final String url = "jdbc:h2:mem:supplied" + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1";

        @Test
        void named_by_JDBC_DATASOURCE_TOPIC_supplies_every_connection_and_the_events_land_in_its_database()
                throws SQLException {
            CountingH2DataSourceSupplier.Counts counts = CountingH2DataSourceSupplier.counts(url);
            UUID parcel = UUID.randomUUID();
            byte[] state = "{\"address\":\"1 Harbour Road\"}".getBytes(StandardCharsets.UTF_8);

            try (InfrastructureFactory factory = construct("Supplied", Map.of(
                    "JDBC_DATASOURCE_TOPIC", CountingH2DataSourceSupplier.class.getName(),
                    CountingH2DataSourceSupplier.URL, url))) {
                assertThat(factory).isExactlyInstanceOf(JdbcFactory.class);
                assertThat(((JdbcFactory) factory).datastore().dialect()).isInstanceOf(H2Dialect.class);
                assertThat(counts.supplied()).as("data sources supplied").hasValue(1);
                ApplicationRecorder recorder = factory.applicationRecorder();
                int connectionsBefore = counts.connections().get();

                assertThat(recorder.insertEvents(List.of(new StoredEvent(parcel, 1, "Posted", state))))
                        .containsExactly(1L);

                assertThat(counts.connections().get()).as("connections taken").isGreaterThan(connectionsBefore);
                assertThat(counts.supplied()).as("data sources supplied").hasValue(1);
            }
            try (Connection direct = DriverManager.getConnection(url); Statement statement = direct.createStatement()) {
                try (ResultSet rows = statement.executeQuery(
                        "SELECT originator_id, originator_version, topic, notification_id FROM supplied_events")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getObject(1, UUID.class)).isEqualTo(parcel);
                    assertThat(rows.getLong(2)).isEqualTo(1);
                    assertThat(rows.getString(3)).isEqualTo("Posted");
                    assertThat(rows.getLong(4)).isEqualTo(1);
                    assertThat(rows.next()).isFalse();
                }
                statement.execute("SHUTDOWN");
            }
        }

        @Test
        void that_is_not_a_class_fails_naming_the_variable() {
            assertThatThrownBy(() -> construct("Supplied", Map.of("JDBC_DATASOURCE_TOPIC", "com.example.NoSuchSupplier")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("JDBC_DATASOURCE_TOPIC 'com.example.NoSuchSupplier' is not a class");
        }

        @Test
        void that_does_not_implement_the_interface_fails_naming_the_variable_and_the_interface() {
            assertThatThrownBy(() -> construct("Supplied", Map.of("JDBC_DATASOURCE_TOPIC", "java.lang.String")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("JDBC_DATASOURCE_TOPIC 'java.lang.String' does not implement")
                    .hasMessageContaining(JdbcDataSourceSupplier.class.getName());
        }

        @Test
        void that_supplies_null_fails_naming_the_variable() {
            String name = SuppliesNull.class.getName();

            assertThatThrownBy(() -> construct("Supplied", Map.of("JDBC_DATASOURCE_TOPIC", name)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("JDBC_DATASOURCE_TOPIC '" + name + "' supplied no DataSource (null)");
        }

        @Test
        void without_a_public_no_argument_constructor_fails_naming_the_variable() {
            String name = NeedsAnArgument.class.getName();

            assertThatThrownBy(() -> construct("Supplied", Map.of("JDBC_DATASOURCE_TOPIC", name)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("JDBC_DATASOURCE_TOPIC '" + name + "'")
                    .hasMessageContaining("public no-argument constructor");
        }

        @Test
        void set_under_the_applications_prefix_is_named_with_the_prefix() {
            assertThatThrownBy(() -> construct("Shop", Map.of("SHOP_JDBC_DATASOURCE_TOPIC", "java.lang.String")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("SHOP_JDBC_DATASOURCE_TOPIC 'java.lang.String'");
        }
    }

    @Nested
    class The_JDBC_URL {

        @Test
        void is_required_when_no_data_source_supplier_is_named() {
            assertThatThrownBy(() -> construct("Shop", Map.of()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("JDBC_URL is not set");
        }

        @Test
        void must_be_a_jdbc_url() {
            assertThatThrownBy(() -> construct("Shop", Map.of("JDBC_URL", "postgres://127.0.0.1/shop")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("JDBC_URL 'postgres://127.0.0.1/shop' is not a JDBC URL");
        }

        @Test
        void of_a_database_no_dialect_serves_fails_listing_the_dialects_found() {
            String oracle = "jdbc:oracle:thin:@//127.0.0.1:1521/shop";

            assertThatThrownBy(() -> construct("Shop", Map.of("JDBC_URL", oracle)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("no SQL dialect serves '" + oracle + "'")
                    .hasMessageContaining("dialects found: ")
                    .hasMessageContaining("mariadb")
                    .hasMessageContaining("h2");
        }
    }

    /** Supplies no data source at all. */
    public static final class SuppliesNull implements JdbcDataSourceSupplier {
        /** Used reflectively. */
        public SuppliesNull() {}

        @Override
        public @org.jspecify.annotations.Nullable DataSource dataSource(
                io.eventsourcing.persistence.Environment environment) {
            return null;
        }
    }

    /** A supplier the factory cannot make: it has no public no-argument constructor. */
    public static final class NeedsAnArgument implements JdbcDataSourceSupplier {
        private final DataSource dataSource;

        /** @param dataSource what to supply */
        public NeedsAnArgument(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public DataSource dataSource(Environment environment) {
            return dataSource;
        }
    }
}
