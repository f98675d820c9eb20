package io.eventsourcing.spring.boot.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.application.NotificationLogReader;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.system.RemoteNotificationLog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The HTTP side on SQLite: the problem details' opt-out, and the notification log endpoint read by a RemoteNotificationLog. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class WebTest {
    @TempDir
    Path dir;

    private final Http http = new Http();

    @AfterEach
    void closeClient() {
        http.close();
    }

    private ConfigurableApplicationContext start(String... properties) {
        Map<String, Object> defaults = new HashMap<>(Map.of("spring.datasource.url", "jdbc:sqlite:" + dir.resolve("app.db"),
                "server.port", "0", "spring.main.banner-mode", "off", "logging.level.root", "warn",
                "spring.flyway.enabled", "false"));
        return new SpringApplicationBuilder(MinimalApp.class).properties(defaults).run(
                Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new));
    }

    @Test
    void with_problem_details_turned_off_a_conflict_is_the_applications_to_answer() {
        try (ConfigurableApplicationContext app = start("eventsourcing.web.problem-details.enabled=false")) {
            http.post(app, "/books", Map.of("isbn", "1", "title", "One"));

            assertThat(http.post(app, "/books", Map.of("isbn", "1", "title", "One")).status()).isEqualTo(500);
            assertThat(http.get(app, "/books/2").status()).isEqualTo(500);
        }
    }

    @Test
    void the_notification_log_is_not_served_unless_turned_on() {
        try (ConfigurableApplicationContext app = start()) {
            http.post(app, "/books", Map.of("isbn", "1", "title", "One"));

            assertThat(http.get(app, "/eventsourcing/notifications/library/sections/1,10").status()).isEqualTo(404);
        }
    }

    @Test
    void a_remote_notification_log_follows_an_application_of_the_context() {
        try (ConfigurableApplicationContext app = start("eventsourcing.web.notification-log.enabled=true")) {
            for (int i = 1; i <= 12; i++) {
                http.post(app, "/books", Map.of("isbn", String.valueOf(i), "title", "Book " + i));
            }
            NotificationLog local = app.getBean(Library.class).notificationLog();

            var remote = new RemoteNotificationLog(Http.uri(app, "/eventsourcing/notifications/library"),
                    NotificationLog.DEFAULT_SECTION_SIZE);

            assertThat(remote.section("1,10")).isEqualTo(local.section("1,10"));
            assertThat(remote.section("11,20").items()).extracting(Notification::id).containsExactly(11L, 12L);
            assertThat(remote.select(5, 3)).isEqualTo(local.select(5, 3));
            assertThat(new NotificationLogReader(remote).read(1)).hasSize(12);
        }
    }

    @Test
    void the_endpoint_answers_errors_with_a_status_and_a_short_message() {
        try (ConfigurableApplicationContext app = start("eventsourcing.web.notification-log.enabled=true",
                "eventsourcing.web.notification-log.path=/logs")) {
            Http.Response unknown = http.get(app, "/logs/nosuchapp/sections/1,10");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body().get("error").asString()).isEqualTo("no application named 'nosuchapp'");

            Http.Response bad = http.get(app, "/logs/library?start=one");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body().get("error").asString()).isEqualTo("start must be a whole number, was 'one'");

            var remote = new RemoteNotificationLog(Http.uri(app, "/logs/library"), 10);
            assertThatThrownBy(() -> remote.section("x")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
