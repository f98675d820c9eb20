package io.eventsourcing.system;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.application.Section;
import io.eventsourcing.persistence.Notification;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves an application's notification log over HTTP as JSON, with the JDK's HTTP server, so a
 * follower can read a leader in another process ({@link RemoteNotificationLog}):
 * <ul>
 *   <li>{@code GET /notifications/sections/1,10}: a section, {@code {"id", "next_id", "items"}};</li>
 *   <li>{@code GET /notifications?start=1&limit=10[&stop=20][&topics=a,b]}: a selection, {@code {"items"}}.</li>
 * </ul>
 * Each item is {@code {"id", "originator_id", "originator_version", "topic", "state"}} with the state
 * base64-encoded, as stored (still compressed and encrypted, if the leader does that).
 *
 * <p>Thread-safe; requests are served on virtual threads.
 */
public final class NotificationLogServer implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotificationLog log;
    private final HttpServer server;

    /**
     * Starts serving.
     *
     * @param log the log to serve
     * @param address where to listen, e.g. {@code new InetSocketAddress("127.0.0.1", 0)} for any free port
     * @throws IOException if the address cannot be bound
     */
    public NotificationLogServer(NotificationLog log, InetSocketAddress address) throws IOException {
        this.log = requireNonNull(log, "log");
        this.server = HttpServer.create(address, 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/notifications", this::handle);
        server.start();
    }

    /**
     * The URI of the log, for {@link RemoteNotificationLog}: {@code http://host:port/notifications}, with
     * an IPv6 host in brackets ({@code http://[::1]:8080/notifications}).
     */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        try {
            // This constructor brackets an IPv6 literal; concatenating the host string would not.
            return new URI("http", null, address.getHostString(), address.getPort(), "/notifications", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the server's address " + address + " makes no URI", e);
        }
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 405, error("only GET is served"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            try {
                if (path.startsWith("/notifications/sections/")) {
                    String sectionId = URLDecoder.decode(path.substring("/notifications/sections/".length()),
                            StandardCharsets.UTF_8);
                    respond(exchange, 200, section(log.section(sectionId)));
                } else if (path.equals("/notifications") || path.equals("/notifications/")) {
                    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                    long start = Long.parseLong(query.getOrDefault("start", "1"));
                    int limit = Integer.parseInt(query.getOrDefault("limit", String.valueOf(log.sectionSize())));
                    String stop = query.get("stop");
                    Set<String> topics = query.containsKey("topics") && !query.get("topics").isEmpty()
                            ? Arrays.stream(query.get("topics").split(",")).collect(Collectors.toSet()) : Set.of();
                    ObjectNode body = JSON.createObjectNode();
                    body.set("items", items(log.select(start, limit, stop == null ? null : Long.parseLong(stop),
                            topics)));
                    respond(exchange, 200, body);
                } else {
                    respond(exchange, 404, error("no such resource: " + path));
                }
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, error(e.getMessage()));
            } catch (RuntimeException e) {
                respond(exchange, 500, error(e.toString()));
            }
        }
    }

    static ObjectNode section(Section section) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", section.id());
        body.put("next_id", section.nextId());
        body.set("items", items(section.items()));
        return body;
    }

    static ArrayNode items(List<Notification> notifications) {
        ArrayNode items = JSON.createArrayNode();
        for (Notification notification : notifications) {
            ObjectNode item = items.addObject();
            item.put("id", notification.id());
            item.put("originator_id", notification.originatorId().toString());
            item.put("originator_version", notification.originatorVersion());
            item.put("topic", notification.topic());
            item.put("state", Base64.getEncoder().encodeToString(notification.state()));
        }
        return items;
    }

    private static ObjectNode error(@Nullable String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }
}
