package io.eventsourcing.system;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventsourcing.application.NotificationLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Serves an application's notification log over HTTP as JSON, with the JDK's HTTP server, so a
 * follower can read a leader in another process ({@link RemoteNotificationLog}):
 * <ul>
 *   <li>{@code GET /notifications/sections/1,10}: a section, {@code {"id", "next_id", "items"}};</li>
 *   <li>{@code GET /notifications?start=1&limit=10[&stop=20][&topics=a,b]}: a selection, {@code {"items"}}.</li>
 * </ul>
 * Each item is {@code {"id", "originator_id", "originator_version", "topic", "state"}} with the state
 * base64-encoded, as stored (still compressed and encrypted, if the leader does that). Errors are
 * answered with a status and a short message, {@code {"error": "..."}}, never an exception's class or
 * stack: see {@link NotificationLogResource}, which defines the resources. It has no authentication
 * and no TLS: bind it to a private interface, or put it behind a proxy that provides them.
 *
 * <p>Thread-safe; requests are served on virtual threads.
 */
public final class NotificationLogServer implements AutoCloseable {
    private static final String CONTEXT = "/notifications";

    private final NotificationLogResource resource;
    private final HttpServer server;

    /**
     * Starts serving.
     *
     * @param log the log to serve
     * @param address where to listen, e.g. {@code new InetSocketAddress("127.0.0.1", 0)} for any free port
     * @throws IOException if the address cannot be bound
     */
    public NotificationLogServer(NotificationLog log, InetSocketAddress address) throws IOException {
        this.resource = new NotificationLogResource(requireNonNull(log, "log"));
        this.server = HttpServer.create(address, 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(CONTEXT, this::handle);
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
            NotificationLogResource.Response response;
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                response = NotificationLogResource.methodNotAllowed(exchange.getRequestMethod());
            } else {
                String path = exchange.getRequestURI().getPath();
                response = path.startsWith(CONTEXT)
                        ? resource.get(path.substring(CONTEXT.length()), exchange.getRequestURI().getRawQuery())
                        : NotificationLogResource.notFound("no such resource: " + path);
            }
            byte[] bytes = response.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", NotificationLogResource.Response.CONTENT_TYPE);
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
