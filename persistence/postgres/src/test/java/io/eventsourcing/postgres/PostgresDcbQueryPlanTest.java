package io.eventsourcing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbQueryItem;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The plans PostgreSQL makes for DCB reads and conditions on a store of 50,000 events: a query by tag
 * reads the GIN index of tags, a query by type the (type, position) index, and neither scans the
 * table. What the README's DCB section shows.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresDcbQueryPlanTest {
    private static final String SCHEMA = "es_dcb_plan";
    private static final int EVENTS = 50_000;
    private static PostgresFactory factory;
    private static PostgresDcbDialect dialect;

    @BeforeAll
    static void recordFiftyThousandEvents() throws Exception {
        PostgresTestDatabase.reset(SCHEMA);
        factory = (PostgresFactory) InfrastructureFactory.construct(
                Environment.isolated("Plans", PostgresTestDatabase.env(Map.of("POSTGRES_SCHEMA", SCHEMA))));
        DcbRecorder recorder = factory.dcbRecorder();
        dialect = (PostgresDcbDialect) factory.datastore().dialect().dcbDialect();
        List<DcbEvent> batch = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            batch.add(DcbEvent.of("Type" + i % 10, ("event " + i).getBytes(StandardCharsets.UTF_8),
                    "user:" + i % 5_000, "group:" + i % 50));
            if (batch.size() == 5_000) {
                recorder.append(batch);
                batch.clear();
            }
        }
        factory.datastore().write("analyze", connection -> {
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE " + factory.dcbTables().events());
            }
            return null;
        });
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private String plan(DcbQuery query, int limit) {
        return factory.datastore().read("explain", connection -> {
            List<Object> parameters = new ArrayList<>();
            String sql = PostgresDcbDialect.selectSql(connection, factory.dcbTables(), query, 0, limit, parameters);
            return explain(connection, sql, parameters);
        });
    }

    private static String explain(Connection connection, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                switch (parameters.get(i)) {
                    case Array array -> explain.setArray(i + 1, array);
                    default -> explain.setObject(i + 1, parameters.get(i));
                }
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    @Test
    void a_query_by_tag_reads_the_gin_index_of_tags() {
        String plan = plan(DcbQuery.tags("user:42"), 100);

        assertThat(plan).contains("Bitmap Index Scan on plans_dcb_events_tags_idx").doesNotContain("Seq Scan");
    }

    @Test
    void a_query_by_type_and_tags_reads_the_gin_index_of_tags() {
        String plan = plan(DcbQuery.of(DcbQueryItem.of(Set.of("Type2"), Set.of("user:42", "group:42"))),
                Integer.MAX_VALUE);

        assertThat(plan).contains("plans_dcb_events_tags_idx").doesNotContain("Seq Scan");
    }

    @Test
    void either_of_two_tags_is_a_bitmap_or_of_index_scans() {
        String plan = plan(DcbQuery.of(DcbQueryItem.tags("user:42"), DcbQueryItem.tags("user:43")), 100);

        assertThat(plan).contains("BitmapOr").contains("plans_dcb_events_tags_idx").doesNotContain("Seq Scan");
    }

    @Test
    void a_query_by_type_reads_an_index() {
        String plan = plan(DcbQuery.types("Type3"), 100);

        assertThat(plan).containsAnyOf("plans_dcb_events_type_idx", "plans_dcb_events_pkey")
                .doesNotContain("Seq Scan");
    }
}
