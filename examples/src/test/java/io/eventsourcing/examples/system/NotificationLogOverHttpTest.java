package io.eventsourcing.examples.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.application.NotificationLogReader;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.persistence.AesCipher;
import io.eventsourcing.persistence.InterfaceException;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Transcoder;
import io.eventsourcing.system.EventProcessingException;
import io.eventsourcing.system.NotificationLogResource;
import io.eventsourcing.system.NotificationLogServer;
import io.eventsourcing.system.RemoteNotificationLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(60)
class NotificationLogOverHttpTest {
    private static final Map<String, String> MEMORY = Map.of("PERSISTENCE_MODULE", "memory");
    private static final InetSocketAddress LOCALHOST = new InetSocketAddress("127.0.0.1", 0);   // any free port

    @Test
    void the_remote_log_reads_the_same_sections_and_selections_as_the_local_one() throws IOException {
        try (var orders = new Orders(MEMORY);
                var server = new NotificationLogServer(orders.notificationLog(), LOCALHOST)) {
            for (int i = 0; i < 12; i++) {
                orders.placeOrder("apples", 1 + i, 50);
            }
            NotificationLog local = orders.notificationLog();
            // tag::remote-notification-log[]
            var remote = new RemoteNotificationLog(server.uri(), NotificationLog.DEFAULT_SECTION_SIZE);

            assertThat(remote.section("1,10")).isEqualTo(local.section("1,10"));
            assertThat(remote.section("11,20").items()).extracting(Notification::id).containsExactly(11L, 12L);
            assertThat(remote.select(5, 3)).isEqualTo(local.select(5, 3));
            assertThat(new NotificationLogReader(remote).read(1)).hasSize(12);
            // end::remote-notification-log[]
            assertThat(server.uri().toString()).startsWith("http://127.0.0.1:").endsWith("/notifications");
            assertThat(remote.section("11,20").nextId()).isNull();
            assertThat(remote.select(1, 10, 3L, Set.of(Topics.of(Order.Placed.class))))
                    .isEqualTo(local.select(1, 10, 3L, Set.of(Topics.of(Order.Placed.class))));
            assertThat(remote.select(1, 10, null, Set.of(Topics.of(Order.Confirmed.class)))).isEmpty();
        }
    }

    @Test
    void a_bad_request_is_refused_with_the_servers_reason() throws IOException {
        try (var orders = new Orders(MEMORY);
                var server = new NotificationLogServer(orders.notificationLog(), LOCALHOST)) {
            var remote = new RemoteNotificationLog(server.uri(), NotificationLog.DEFAULT_SECTION_SIZE);

            assertThatThrownBy(() -> remote.section("first,last")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> remote.select(1, 11)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("section size 10");
        }
    }

    @Test
    void a_server_on_an_ipv6_address_gives_a_uri_the_remote_log_can_use() throws IOException {
        try (var orders = new Orders(MEMORY)) {
            orders.placeOrder("apples", 1, 50);
            NotificationLogServer server;
            try {
                server = new NotificationLogServer(orders.notificationLog(), new InetSocketAddress("::1", 0));
            } catch (IOException e) {
                Assumptions.abort("this machine has no IPv6 loopback: " + e);
                return;
            }
            try (server) {
                assertThat(server.uri().toString()).startsWith("http://[0:0:0:0:0:0:0:1]:");
                assertThat(new RemoteNotificationLog(server.uri(), 10).select(1, 10)).hasSize(1);
            }
        }
    }

    @Test
    void a_process_application_follows_a_leader_over_http() throws IOException {
        try (var orders = new Orders(MEMORY);
                var server = new NotificationLogServer(orders.notificationLog(), LOCALHOST);
                var reservations = new Reservations(MEMORY)) {
            reservations.addStock("apples", 10);
            UUID first = orders.placeOrder("apples", 3, 50);
            // tag::follow-over-http[]
            var log = new RemoteNotificationLog(server.uri(), NotificationLog.DEFAULT_SECTION_SIZE);
            reservations.follow("Orders", log, Mapper.standard());      // the leader's name, log and mapper

            assertThat(reservations.pullAndProcess("Orders")).isEqualTo(1);
            UUID second = orders.placeOrder("apples", 4, 50);
            assertThat(reservations.pullAndProcess("Orders")).isEqualTo(1);    // only what is new
            assertThat(reservations.pullAndProcess("Orders")).isZero();
            // end::follow-over-http[]

            assertThat(reservations.stock("apples").reservedFor()).containsExactly(first, second);
            assertThat(reservations.recorder().maxTrackingId("Orders")).isEqualTo(2);
        }
    }

    @Test
    void a_follower_of_an_encrypting_leader_reads_it_with_the_leaders_key() throws Exception {
        String key = AesCipher.createKey(32);
        try (var orders = new Orders(Map.of("PERSISTENCE_MODULE", "memory", "CIPHER_KEY", key));
                var server = new NotificationLogServer(orders.notificationLog(), LOCALHOST);
                var reservations = new Reservations(MEMORY)) {
            reservations.addStock("apples", 10);
            UUID order = orders.placeOrder("apples", 3, 50);
            var log = new RemoteNotificationLog(server.uri(), NotificationLog.DEFAULT_SECTION_SIZE);

            assertThat(get(URI.create(server.uri() + "?start=1&limit=10"))).contains("\"items\"")
                    .doesNotContain("apples");                                  // served as stored: encrypted
            reservations.follow("Orders", log, reservations.mapper());          // the follower's own: no key
            assertThatThrownBy(() -> reservations.pullAndProcess("Orders"))
                    .isInstanceOf(EventProcessingException.class)
                    .hasMessageContaining("Reservations failed to process Orders notification 1");

            // tag::follow-encrypted[]
            Mapper leaders = new Mapper(Transcoder.standard(), null, new AesCipher(Base64.getDecoder().decode(key)));
            reservations.follow("Orders", log, leaders);
            assertThat(reservations.pullAndProcess("Orders")).isEqualTo(1);
            // end::follow-encrypted[]
            assertThat(reservations.stock("apples").reservedFor()).containsExactly(order);
        }
    }

    @Test
    void a_remote_log_sends_credentials_with_the_callers_client_and_timeouts() throws Exception {
        try (var orders = new Orders(MEMORY);
                var server = new GuardedServer(orders.notificationLog(), "s3cret");
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            orders.placeOrder("apples", 1, 50);
            URI uri = server.uri();
            Supplier<String> tokens = () -> "s3cret";
            // tag::remote-log-builder[]
            var log = RemoteNotificationLog.builder(uri)
                    .httpClient(client)                                         // yours: TLS, proxy, executor
                    .header("Authorization", () -> "Bearer " + tokens.get())    // asked for on each request
                    .requestTimeout(Duration.ofSeconds(5))
                    .build();
            // end::remote-log-builder[]

            assertThat(log.select(1, 10)).hasSize(1);
            assertThat(server.authorizations).containsExactly("Bearer s3cret");
            var anonymous = new RemoteNotificationLog(uri, NotificationLog.DEFAULT_SECTION_SIZE);
            assertThatThrownBy(() -> anonymous.select(1, 10)).isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("answered 401: a bearer token is required");
        }
    }

    /** A JDK server that serves the log (as NotificationLogServer does) only with the bearer token. */
    static final class GuardedServer implements AutoCloseable {
        final HttpServer server;
        final List<String> authorizations = new CopyOnWriteArrayList<>();

        GuardedServer(NotificationLog log, String token) throws IOException {
            var resource = new NotificationLogResource(log);
            server = HttpServer.create(LOCALHOST, 0);
            server.createContext("/orders", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(String.valueOf(authorization));
                NotificationLogResource.Response answer = ("Bearer " + token).equals(authorization)
                        ? resource.get(exchange.getRequestURI().getPath().substring("/orders".length()),
                                exchange.getRequestURI().getRawQuery())
                        : new NotificationLogResource.Response(401, "{\"error\":\"a bearer token is required\"}");
                byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", NotificationLogResource.Response.CONTENT_TYPE);
                exchange.sendResponseHeaders(answer.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }
}
