package io.eventsourcing.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.application.LocalNotificationLog;
import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.memory.InMemoryApplicationRecorder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server's answers to bad requests and failures: a status and a short message, never an exception's class, text or stack. */
@DisplayNameGeneration(ReplaceUnderscores.class)
@Timeout(30)
class NotificationLogServerTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void closeClient() {
        client.close();
    }

    record Answer(int status, String body, HttpResponse<String> response) {
        String error() {
            JsonNode node = JSON.readTree(body);
            return node.get("error").asString();
        }
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return new Answer(response.statusCode(), response.body(), response);
    }

    private Answer get(NotificationLogServer server, String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery)).GET().build());
    }

    private static NotificationLog empty() {
        return new LocalNotificationLog(new InMemoryApplicationRecorder(), 10);
    }


    @Test
    void bad_parameters_are_answered_400_with_what_was_wrong() throws Exception {
        try (var server = new NotificationLogServer(empty(), LOOPBACK)) {
            Answer start = get(server, "?start=one");
            assertThat(start.status()).isEqualTo(400);
            assertThat(start.error()).isEqualTo("start must be a whole number, was 'one'");

            Answer limit = get(server, "?limit=0");
            assertThat(limit.status()).isEqualTo(400);
            assertThat(limit.error()).isEqualTo("limit must be at least 1, was 0");

            Answer tooMany = get(server, "?limit=11");
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.error()).contains("section size 10");

            Answer section = get(server, "/sections/first,last");
            assertThat(section.status()).isEqualTo(400);
            assertThat(section.error()).contains("first,last");
        }
    }

    @Test
    void an_unknown_path_is_404_and_another_method_405_with_allow() throws Exception {
        try (var server = new NotificationLogServer(empty(), LOOPBACK)) {
            Answer unknown = get(server, "/elsewhere");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.error()).isEqualTo("no such resource below the notification log: /elsewhere");

            Answer post = send(HttpRequest.newBuilder(server.uri()).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(post.status()).isEqualTo(405);
            assertThat(post.error()).isEqualTo("only GET is served, not POST");
            assertThat(post.response().headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void a_failure_of_the_log_is_500_with_a_reference_and_nothing_of_the_exception() throws Exception {
        var failure = new IllegalStateException("relation \"secret_events\" does not exist at Foo.java:12");
        try (var server = new NotificationLogServer(new FailingNotificationLog(failure), LOOPBACK)) {
            Answer answer = get(server, "/sections/1,10");

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.error()).matches("the notification log could not be read \\(reference [0-9a-f-]{36}; "
                    + "the server's log has the details\\)");
            assertThat(answer.body()).doesNotContain("secret_events", "IllegalStateException", "Foo.java", "at ");
        }
    }

    @Test
    void an_unreachable_database_is_503_so_that_followers_try_again() throws Exception {
        var failure = new OperationalException("connection to db.internal:5432 refused");
        try (var server = new NotificationLogServer(new FailingNotificationLog(failure), LOOPBACK)) {
            Answer answer = get(server, "?start=1&limit=10");

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.error()).startsWith("the notification log's database is unavailable; try again later");
            assertThat(answer.body()).doesNotContain("db.internal", "OperationalException");
        }
    }
}
