package io.eventsourcing.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventsourcing.application.LocalNotificationLog;
import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.persistence.InterfaceException;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.memory.InMemoryApplicationRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The remote log against real HTTP servers on the loopback interface: the library's own server, and a
 * server that wants credentials (a JDK server serving {@link NotificationLogResource} behind a check of
 * the {@code Authorization} header), a slow one and one that never accepts.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@Timeout(30)
class RemoteNotificationLogTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private final InMemoryApplicationRecorder recorder = new InMemoryApplicationRecorder();
    private final NotificationLog local = new LocalNotificationLog(recorder, NotificationLog.DEFAULT_SECTION_SIZE);

    @BeforeEach
    void recordTwelveEvents() {
        List<StoredEvent> events = new ArrayList<>();
        UUID id = UUID.randomUUID();
        for (int version = 1; version <= 12; version++) {
            events.add(new StoredEvent(id, version, "example.Happened", ("{\"n\":" + version + "}")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        recorder.insertEvents(events);
    }

    /** A server that serves the log only to requests with {@code Authorization: Bearer <token>}. */
    static final class GuardedServer implements AutoCloseable {
        final HttpServer server;
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        volatile String token = "s3cret";

        GuardedServer(NotificationLog log) throws IOException {
            NotificationLogResource resource = new NotificationLogResource(log);
            server = HttpServer.create(LOOPBACK, 0);
            server.createContext("/log", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(String.valueOf(authorization));
                NotificationLogResource.Response response = ("Bearer " + token).equals(authorization)
                        ? resource.get(exchange.getRequestURI().getPath().substring("/log".length()),
                                exchange.getRequestURI().getRawQuery())
                        : new NotificationLogResource.Response(401, "{\"error\":\"a bearer token is required\"}");
                respond(exchange, response.status(), response.json());
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/log");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Nested
    class headers {
        @Test
        void are_sent_with_every_request() throws IOException {
            try (var server = new GuardedServer(local);
                    var remote = RemoteNotificationLog.builder(server.uri()).header("Authorization", "Bearer s3cret")
                            .build()) {
                assertThat(remote.section("1,10")).isEqualTo(local.section("1,10"));
                assertThat(remote.select(11, 5)).isEqualTo(local.select(11, 5));
                assertThat(server.authorizations).containsExactly("Bearer s3cret", "Bearer s3cret");
            }
        }

        @Test
        void given_as_a_supplier_are_asked_for_on_each_request() throws IOException {
            AtomicInteger asked = new AtomicInteger();
            try (var server = new GuardedServer(local);
                    var remote = RemoteNotificationLog.builder(server.uri())
                            .header("Authorization", () -> "Bearer " + (asked.incrementAndGet() == 1 ? "s3cret" : "r0tated"))
                            .build()) {
                remote.select(1, 1);
                server.token = "r0tated";
                remote.select(1, 1);

                assertThat(server.authorizations).containsExactly("Bearer s3cret", "Bearer r0tated");
            }
        }

        @Test
        void missing_credentials_fail_with_the_status_and_the_servers_message() throws IOException {
            try (var server = new GuardedServer(local);
                    var remote = RemoteNotificationLog.builder(server.uri()).header("Authorization", "Bearer wrong")
                            .build()) {
                assertThatThrownBy(() -> remote.section("1,10")).isInstanceOf(InterfaceException.class)
                        .hasMessageContaining("answered 401: a bearer token is required")
                        .hasMessageContaining("check the credentials")
                        .hasMessageNotContaining("wrong");
            }
        }

        @Test
        void are_named_but_not_shown_by_to_string() {
            try (var remote = RemoteNotificationLog.builder(URI.create("http://127.0.0.1:1/log"))
                    .header("Authorization", "Bearer s3cret").build()) {
                assertThat(remote).hasToString("RemoteNotificationLog[http://127.0.0.1:1/log, headers [Authorization]]");
            }
        }

        @Test
        void that_the_client_does_not_let_a_caller_set_are_refused_naming_them() {
            var builder = RemoteNotificationLog.builder(URI.create("http://127.0.0.1:1/log"));

            assertThatThrownBy(() -> builder.header("Host", "elsewhere")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("header 'Host' cannot be sent");
            assertThatThrownBy(() -> builder.header("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("header 'Bad Name' cannot be sent");
        }
    }

    @Nested
    class the_http_client {
        @Test
        void given_by_the_caller_sends_the_requests_and_stays_open_after_the_log_closes() throws IOException {
            AtomicInteger tasks = new AtomicInteger();
            Executor counting = command -> {
                tasks.incrementAndGet();
                Thread.ofVirtual().start(command);
            };
            try (HttpClient client = HttpClient.newBuilder().executor(counting).build();
                    var server = new NotificationLogServer(local, LOOPBACK)) {
                try (var remote = RemoteNotificationLog.builder(server.uri()).httpClient(client).build()) {
                    assertThat(remote.select(1, 10)).hasSize(10);
                }
                assertThat(tasks).as("tasks run on the caller's executor").hasPositiveValue();
                assertThat(client.isTerminated()).isFalse();
                try (var again = RemoteNotificationLog.builder(server.uri()).httpClient(client).build()) {
                    assertThat(again.select(11, 10)).hasSize(2);
                }
            }
        }

        @Test
        void given_by_the_caller_has_its_own_connect_timeout() {
            try (HttpClient client = HttpClient.newHttpClient()) {
                var builder = RemoteNotificationLog.builder(URI.create("http://127.0.0.1:1/log")).httpClient(client)
                        .connectTimeout(Duration.ofSeconds(1));

                assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("connectTimeout applies to the client the log makes");
            }
        }
    }

    @Nested
    class timeouts {
        @Test
        void a_server_slower_than_the_request_timeout_fails_the_request_in_time() throws IOException {
            HttpServer slow = HttpServer.create(LOOPBACK, 0);
            slow.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            slow.createContext("/log", exchange -> {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, "{\"items\":[]}");
            });
            slow.start();
            try (var remote = RemoteNotificationLog.builder(URI.create("http://127.0.0.1:" + slow.getAddress().getPort()
                    + "/log")).requestTimeout(Duration.ofMillis(300)).build()) {
                long start = System.nanoTime();

                assertThatThrownBy(() -> remote.select(1, 10)).isInstanceOf(OperationalException.class)
                        .hasMessageContaining("timed out");
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
            } finally {
                slow.stop(0);
            }
        }

        @Test
        void a_server_that_never_accepts_fails_the_request_within_the_connect_timeout() throws IOException {
            // A listening socket whose accept queue is full: the kernel drops further connection attempts,
            // so a client neither connects nor is refused until its connect timeout.
            try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                List<Socket> queued = new ArrayList<>();
                try {
                    for (int i = 0; i < 8; i++) {
                        Socket socket = new Socket();
                        try {
                            socket.connect(full.getLocalSocketAddress(), 200);
                            queued.add(socket);
                        } catch (IOException e) {
                            socket.close();
                            break;                 // the queue is full
                        }
                    }
                    try (var remote = RemoteNotificationLog.builder(URI.create("http://127.0.0.1:" + full.getLocalPort()
                            + "/log")).connectTimeout(Duration.ofMillis(500)).build()) {
                        long start = System.nanoTime();

                        assertThatThrownBy(() -> remote.select(1, 10)).isInstanceOf(OperationalException.class)
                                .hasMessageContaining("GET http://127.0.0.1:" + full.getLocalPort())
                                .hasMessageContaining("timed out");
                        assertThat(Duration.ofNanos(System.nanoTime() - start))
                                .isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
                    }
                } finally {
                    for (Socket socket : queued) {
                        socket.close();
                    }
                }
            }
        }

        @Test
        void must_be_positive() {
            var builder = RemoteNotificationLog.builder(URI.create("http://127.0.0.1:1/log"));

            assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("requestTimeout must be positive, was PT0S");
            assertThatThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("connectTimeout must be positive, was PT-1S");
            assertThatThrownBy(() -> builder.sectionSize(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sectionSize must be at least 1, was 0");
        }
    }

    @Nested
    class server_errors {

        @Test
        void a_failing_server_is_an_operational_failure_with_its_short_message() throws IOException {
            try (var server = new NotificationLogServer(new FailingNotificationLog(new IllegalStateException("secret_table is corrupt")),
                    LOOPBACK); var remote = new RemoteNotificationLog(server.uri(), 10)) {
                assertThatThrownBy(() -> remote.select(1, 10)).isInstanceOf(OperationalException.class)
                        .hasMessageContaining("answered 500: the notification log could not be read (reference ")
                        .hasMessageNotContaining("secret_table").hasMessageNotContaining("IllegalStateException");
            }
        }

        @Test
        void an_unknown_path_is_an_interface_failure() throws IOException {
            try (var server = new NotificationLogServer(local, LOOPBACK);
                    var remote = new RemoteNotificationLog(URI.create(server.uri() + "/nothing"), 10)) {
                assertThatThrownBy(() -> remote.select(1, 10)).isInstanceOf(InterfaceException.class)
                        .hasMessageContaining("answered 404: no such resource below the notification log: /nothing");
            }
        }

        @Test
        void an_answer_that_is_not_json_is_quoted_short() throws IOException {
            HttpServer proxy = HttpServer.create(LOOPBACK, 0);
            proxy.createContext("/", exchange -> {
                byte[] page = ("<html><body>" + "Bad gateway ".repeat(50) + "</body></html>").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(502, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            });
            proxy.start();
            try (var remote = new RemoteNotificationLog(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()
                    + "/log"), 10)) {
                assertThatThrownBy(() -> remote.select(1, 10)).isInstanceOf(OperationalException.class)
                        .hasMessageContaining("answered 502: <html><body>Bad gateway")
                        .hasMessageEndingWith("...");
            } finally {
                proxy.stop(0);
            }
        }
    }
}
