package io.eventsourcing.examples.springdogschool;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.application.NotificationLogReader;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.system.RemoteNotificationLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web application over real HTTP, with the database checked directly: what a request commits,
 * and what a request that fails after saving leaves behind (nothing). Each database extends it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@DisplayNameGeneration(ReplaceUnderscores.class)
abstract class DogSchoolHttpTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCEPT = "application/json, application/problem+json";

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DogSchool school;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Test
    void a_registration_commits_the_dog_and_its_owner_together() {
        Response response = post("/dogs", Map.of("name", "Fido", "owner", "Alice"));

        assertThat(response.status()).isEqualTo(201);
        UUID id = UUID.fromString(response.body().get("id").asString());
        assertThat(id).isEqualTo(Dog.createId("Fido"));
        assertThat(response.location()).isEqualTo("/dogs/" + id);
        assertThat(eventsOf(id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT owner_name FROM owners WHERE dog_id = ?", String.class, id.toString()))
                .isEqualTo("Alice");
    }

    @Test
    void a_registration_refused_after_saving_commits_neither_the_dog_nor_its_owner() {
        UUID id = Dog.createId("Cerberus");

        Response response = post("/dogs", Map.of("name", "Cerberus", "owner", "Hades"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("detail").asString())
                .contains("does not admit a dog named 'Cerberus'").contains(id.toString());
        assertThat(eventsOf(id)).as("events of the refused dog").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM owners WHERE dog_id = ?", Integer.class, id.toString()))
                .as("owner rows of the refused dog").isZero();
        assertThat(get("/dogs/" + id).status()).isEqualTo(404);
    }

    @Test
    void a_later_request_sees_the_dog_an_earlier_one_registered() {
        UUID id = UUID.fromString(post("/dogs", Map.of("name", "Rex", "owner", "Bob")).body().get("id").asString());

        assertThat(post("/dogs/" + id + "/tricks", Map.of("trick", "roll over")).status()).isEqualTo(200);
        assertThat(post("/dogs/" + id + "/tricks", Map.of("trick", "fetch")).status()).isEqualTo(200);
        Response response = get("/dogs/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("name").asString()).isEqualTo("Rex");
        assertThat(response.body().get("owner").asString()).isEqualTo("Bob");
        assertThat(response.body().get("tricks").values()).extracting(JsonNode::asString)
                .containsExactly("roll over", "fetch");
        assertThat(eventsOf(id)).isEqualTo(3);
    }

    @Test
    void registering_a_name_twice_is_a_conflict_that_keeps_the_first_owner() {
        UUID id = Dog.createId("Lassie");
        assertThat(post("/dogs", Map.of("name", "Lassie", "owner", "Carol")).status()).isEqualTo(201);

        Response second = post("/dogs", Map.of("name", "Lassie", "owner", "Dan"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(eventsOf(id)).isEqualTo(1);
        assertThat(get("/dogs/" + id).body().get("owner").asString()).isEqualTo("Carol");
    }

    @Test
    void a_trick_for_an_unknown_dog_is_not_found_and_a_blank_name_is_a_bad_request() {
        UUID unknown = UUID.randomUUID();
        Response missing = post("/dogs/" + unknown + "/tricks", Map.of("trick", "sit"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("title").asString()).isEqualTo("Not Found");
        assertThat(missing.body().get("detail").asString()).isEqualTo("aggregate " + unknown + " is not recorded");
        assertThat(missing.body().get("aggregateId").asString()).isEqualTo(unknown.toString());
        assertThat(missing.body().get("instance").asString()).isEqualTo("/dogs/" + unknown + "/tricks");
        Response blank = post("/dogs", Map.of("name", " ", "owner", "Eve"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().get("detail").asString()).isEqualTo("'name' is required and must not be blank");
    }

    @Test
    void a_follower_in_another_process_reads_the_schools_notification_log_over_http() {
        UUID id = UUID.fromString(post("/dogs", Map.of("name", "Bolt", "owner", "Penny")).body().get("id").asString());
        post("/dogs/" + id + "/tricks", Map.of("trick", "sit"));

        var log = new RemoteNotificationLog(uri("/eventsourcing/notifications/dogschool"),
                NotificationLog.DEFAULT_SECTION_SIZE);

        assertThat(new NotificationLogReader(log).read(1)).filteredOn(n -> n.originatorId().equals(id))
                .extracting(Notification::originatorVersion).containsExactly(1L, 2L);
        assertThat(log.section("1,10")).isEqualTo(school.notificationLog().section("1,10"));
    }

    private int eventsOf(UUID id) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM dogschool_events "
                + "WHERE CAST(originator_id AS VARCHAR(36)) = ?", Integer.class, id.toString());
        return count == null ? 0 : count;
    }

    record Response(int status, JsonNode body, String location) {}

    private Response post(String path, Map<String, String> body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", ACCEPT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", ACCEPT).GET().build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), text.isEmpty() ? JSON.missingNode() : JSON.readTree(text),
                    response.headers().firstValue("Location").orElse(""));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
