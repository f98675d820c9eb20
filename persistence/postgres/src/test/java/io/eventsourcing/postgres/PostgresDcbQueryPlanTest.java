package io.eventsourcing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbQueryItem;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The plans PostgreSQL makes for DCB reads and condition checks on a store of 50,000 events, right after
 * they were appended (before any ANALYZE, when the planner knows nothing of the tags) and after ANALYZE:
 * a query by tag reads the (tag, position) primary key of the tag table, a query by type the (type,
 * position) index, and none scans a table. What the README's DCB section shows.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresDcbQueryPlanTest {
    private static final String SCHEMA = "es_dcb_plan";
    private static final int EVENTS = 50_000;
    private static PostgresFactory factory;
    private static PostgresDcbDialect dialect;

    @BeforeAll
    static void appendFiftyThousandEvents() {
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
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static void analyze() {
        factory.datastore().write("analyze", connection -> {
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE " + factory.dcbTables().events());
                analyze.execute("ANALYZE " + factory.dcbTables().tags());
            }
            return null;
        });
    }

    private static String readPlan(DcbQuery query, long after, int limit) {
        return explain(parameters -> dialect.planSql(factory.dcbTables(), query, after, limit, parameters));
    }

    private static String conditionPlan(DcbAppendCondition condition) {
        return explain(parameters -> dialect.conditionSql(factory.dcbTables(), condition, parameters));
    }

    private static String explain(Function<List<Object>, String> statement) {
        return factory.datastore().read("explain", connection -> {
            List<Object> parameters = new ArrayList<>();
            String sql = statement.apply(parameters);
            return explain(connection, sql, parameters);
        });
    }

    private static String explain(Connection connection, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                explain.setObject(i + 1, parameters.get(i));
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
    void reads_and_condition_checks_use_the_indexes_before_and_after_analyze() {
        for (boolean analyzed : new boolean[] {false, true}) {
            if (analyzed) {
                analyze();
            }
            String state = analyzed ? "after ANALYZE" : "before ANALYZE";

            assertThat(readPlan(DcbQuery.tags("user:42"), 0, 100)).as("a tag, first 100, %s", state)
                    .contains("plans_dcb_tags_pkey").doesNotContain("Seq Scan");
            assertThat(readPlan(DcbQuery.tags("user:42"), 40_000, Integer.MAX_VALUE)).as("a tag after, %s", state)
                    .contains("plans_dcb_tags_pkey").doesNotContain("Seq Scan");
            assertThat(readPlan(DcbQuery.of(DcbQueryItem.of(Set.of("Type2"), Set.of("user:42", "group:42"))), 0,
                    Integer.MAX_VALUE)).as("a type and two tags, %s", state)
                    .contains("plans_dcb_tags_pkey").doesNotContain("Seq Scan");
            assertThat(readPlan(DcbQuery.of(DcbQueryItem.tags("user:42"), DcbQueryItem.tags("user:43")), 0, 100))
                    .as("either of two tags, %s", state).contains("plans_dcb_tags_pkey").doesNotContain("Seq Scan");
            // A type of a tenth of the events: its index, or the primary key filtered by type.
            assertThat(readPlan(DcbQuery.types("Type3"), 0, 100)).as("a type, %s", state)
                    .containsAnyOf("plans_dcb_events_type_idx", "plans_dcb_events_pkey").doesNotContain("Seq Scan");
            assertThat(readPlan(DcbQuery.types("Type3"), 49_000, 100)).as("a type near the head, %s", state)
                    .containsAnyOf("plans_dcb_events_type_idx", "plans_dcb_events_pkey").doesNotContain("Seq Scan");
            assertThat(conditionPlan(DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("user:no-such-user"))))
                    .as("the check of a new tag, %s", state)
                    .contains("plans_dcb_tags_pkey").doesNotContain("Seq Scan");
        }
    }

    @Test
    void the_plan_of_a_query_by_tag_reads_the_tag_tables_key_then_the_events_by_theirs() {
        String plan = readPlan(DcbQuery.tags("user:42"), 0, 100);

        assertThat(plan).contains("plans_dcb_tags_pkey")
                .containsPattern("Index Scan using plans_dcb_events_pkey on plans_dcb_events");
    }
}
