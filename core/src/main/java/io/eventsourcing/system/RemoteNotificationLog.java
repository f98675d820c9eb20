package io.eventsourcing.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.application.Section;
import io.eventsourcing.persistence.InterfaceException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.OperationalException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link NotificationLog} read over HTTP, with the JDK's HTTP client, from a
 * {@link NotificationLogServer} or any server of {@link NotificationLogResource} (the Spring Boot
 * module's endpoint), so a {@link ProcessApplication} can {@code follow} a leader in another process.
 *
 * <p>{@link #builder} configures the client: the caller's own {@link HttpClient} (for TLS, a proxy or
 * an executor), headers sent with every request (credentials, e.g. {@code Authorization}, fixed or
 * asked for anew on each request) and the timeouts. The constructor takes the defaults: a client of its
 * own that connects within 10 s, and 30 s for each request.
 *
 * <p>Failures: a request the server refuses as bad (400) throws {@link IllegalArgumentException} with
 * the server's message; one it refuses otherwise (401, 403, 404, ...) throws {@link InterfaceException};
 * a server that fails (5xx), cannot be reached or does not answer in time throws
 * {@link OperationalException}, which a follower may retry. Each message names the request and the
 * status, never the headers' values.
 *
 * <p>Thread-safe. {@link #close} closes the client the log made, not a caller's.
 */
public final class RemoteNotificationLog implements NotificationLog, AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MOST_TEXT = 200;

    private final URI uri;
    private final int sectionSize;
    private final HttpClient client;
    private final boolean ownClient;
    private final Duration requestTimeout;
    private final Map<String, Supplier<String>> headers;

    /**
     * A log read with a client of its own, without headers, with the default timeouts.
     *
     * @param uri the server's log, e.g. {@link NotificationLogServer#uri()}
     * @param sectionSize the server log's section size (10 unless configured otherwise)
     * @throws IllegalArgumentException if the section size is below 1
     */
    public RemoteNotificationLog(URI uri, int sectionSize) {
        this(builder(uri).sectionSize(sectionSize));
    }

    private RemoteNotificationLog(Builder builder) {
        this.uri = builder.uri;
        this.sectionSize = builder.sectionSize;
        this.ownClient = builder.client == null;
        this.client = builder.client != null ? builder.client : HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout != null ? builder.connectTimeout : Builder.DEFAULT_CONNECT_TIMEOUT)
                .build();
        this.requestTimeout = builder.requestTimeout;
        this.headers = Map.copyOf(builder.headers);
    }

    /**
     * A builder of a log read from the URI, e.g. {@link NotificationLogServer#uri()} or the Spring
     * endpoint's {@code http://host:8080/eventsourcing/notifications/dogschool}.
     */
    public static Builder builder(URI uri) {
        return new Builder(requireNonNull(uri, "uri"));
    }

    /**
     * Configures a {@link RemoteNotificationLog}. Not thread-safe; the log it builds is.
     */
    public static final class Builder {
        private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
        private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

        private final URI uri;
        private int sectionSize = DEFAULT_SECTION_SIZE;
        private @Nullable HttpClient client;
        private @Nullable Duration connectTimeout;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private final Map<String, Supplier<String>> headers = new LinkedHashMap<>();

        private Builder(URI uri) {
            this.uri = uri;
        }

        /**
         * The server log's section size (default 10): the most notifications a selection may ask for.
         *
         * @throws IllegalArgumentException if it is below 1
         */
        public Builder sectionSize(int sectionSize) {
            if (sectionSize < 1) {
                throw new IllegalArgumentException("sectionSize must be at least 1, was " + sectionSize);
            }
            this.sectionSize = sectionSize;
            return this;
        }

        /**
         * The client to send the requests with, e.g. one with TLS settings, a proxy, an
         * {@link java.net.Authenticator} or an executor of your own; its connect timeout applies. The log
         * does not close it. Without it, the log makes a client of its own.
         */
        public Builder httpClient(HttpClient client) {
            this.client = requireNonNull(client, "client");
            return this;
        }

        /**
         * How long the client the log makes waits to connect (default 10 s). A client given with
         * {@link #httpClient} has its own.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * How long each request may take, from sending it to the end of the answer (default 30 s).
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /**
         * A header sent with every request, e.g. {@code header("Authorization", "Bearer " + token)}.
         * Setting a header again replaces its value.
         *
         * @throws IllegalArgumentException if the JDK's client does not let a caller set that header (such
         *     as {@code Host} or {@code Content-Length}) or the name or value is not valid in HTTP
         */
        public Builder header(String name, String value) {
            requireNonNull(value, "value");
            check(name, value);
            headers.put(name, () -> value);
            return this;
        }

        /**
         * A header whose value is asked for on every request, e.g. a token that expires and is renewed:
         * {@code header("Authorization", () -> "Bearer " + tokens.current())}.
         *
         * @throws IllegalArgumentException if the JDK's client does not let a caller set that header
         */
        public Builder header(String name, Supplier<String> value) {
            requireNonNull(value, "value");
            check(name, "x");
            headers.put(name, value);
            return this;
        }

        /**
         * The log.
         *
         * @throws IllegalStateException if both a client and a connect timeout were given
         */
        public RemoteNotificationLog build() {
            if (client != null && connectTimeout != null) {
                throw new IllegalStateException("connectTimeout applies to the client the log makes; the "
                        + "client given with httpClient has its own (HttpClient.Builder.connectTimeout)");
            }
            return new RemoteNotificationLog(this);
        }

        private static void check(String name, String value) {
            requireNonNull(name, "name");
            try {
                HttpRequest.newBuilder().header(name, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header '" + name + "' cannot be sent: " + e.getMessage(), e);
            }
        }

        private static Duration positive(String what, Duration timeout) {
            requireNonNull(timeout, what);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + timeout);
            }
            return timeout;
        }
    }

    @Override
    public int sectionSize() {
        return sectionSize;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the server refuses the section id
     * @throws InterfaceException if the server refuses the request otherwise (e.g. 401, 404)
     * @throws OperationalException if the server fails, cannot be reached or does not answer in time
     */
    @Override
    public Section section(String sectionId) {
        JsonNode body = get(uri + "/sections/" + URLEncoder.encode(sectionId, StandardCharsets.UTF_8));
        return new Section(text(body.get("id")), items(body.get("items")), text(body.get("next_id")));
    }

    /**
     * {@inheritDoc}
     *
     * @throws InterfaceException if the server refuses the request otherwise than as bad (e.g. 401, 404)
     * @throws OperationalException if the server fails, cannot be reached or does not answer in time
     */
    @Override
    public List<Notification> select(long start, int limit, @Nullable Long stop, Set<String> topics) {
        if (limit > sectionSize) {
            throw new IllegalArgumentException("limit " + limit + " is greater than the section size " + sectionSize);
        }
        StringBuilder query = new StringBuilder(uri.toString()).append("?start=").append(start).append("&limit=")
                .append(limit);
        if (stop != null) {
            query.append("&stop=").append(stop);
        }
        if (!topics.isEmpty()) {
            query.append("&topics=").append(URLEncoder.encode(String.join(",", topics), StandardCharsets.UTF_8));
        }
        return items(get(query.toString()).get("items"));
    }

    private JsonNode get(String address) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address)).timeout(requestTimeout).GET()
                .header("Accept", "application/json");
        headers.forEach((name, value) -> request.header(name, requireNonNull(value.get(), () -> "header " + name)));
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new OperationalException("GET " + address + " timed out: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OperationalException("GET " + address + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationalException("GET " + address + " was interrupted", e);
        }
        int status = response.statusCode();
        JsonNode body = json(response.body());
        if (status == 200 && body != null) {
            return body;
        }
        String said = message(body, response.body());
        if (status == 200) {
            throw new InterfaceException("GET " + address + " answered 200 with no JSON: " + said);
        }
        if (status == 400) {
            throw new IllegalArgumentException(said);
        }
        String answered = "GET " + address + " answered " + status + ": " + said;
        if (status >= 500) {
            throw new OperationalException(answered);
        }
        if (status == 401 || status == 403) {
            throw new InterfaceException(answered + "; check the credentials (the log's headers)");
        }
        throw new InterfaceException(answered);
    }

    private static @Nullable JsonNode json(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The server's message: its {@code error} (ours) or {@code detail} (a problem detail), else its text, shortened. */
    private static String message(@Nullable JsonNode body, byte[] raw) {
        if (body != null) {
            for (String field : new String[] {"error", "detail", "title"}) {
                JsonNode value = body.get(field);
                if (value != null && value.isString() && !value.asString().isBlank()) {
                    return shorten(value.asString());
                }
            }
        }
        String text = new String(raw, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? "(no body)" : shorten(text);
    }

    private static String shorten(String text) {
        return text.length() <= MOST_TEXT ? text : text.substring(0, MOST_TEXT) + "...";
    }

    private static List<Notification> items(@Nullable JsonNode items) {
        List<Notification> notifications = new ArrayList<>();
        if (items == null) {
            return notifications;
        }
        for (JsonNode item : items) {
            notifications.add(new Notification(item.get("id").asLong(), UUID.fromString(item.get("originator_id")
                    .asString()), item.get("originator_version").asLong(), item.get("topic").asString(),
                    Base64.getDecoder().decode(item.get("state").asString())));
        }
        return notifications;
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    /** Closes the HTTP client the log made; a client given with {@link Builder#httpClient} is left open. */
    @Override
    public void close() {
        if (ownClient) {
            client.close();
        }
    }

    /** The URI and the names of the headers, never their values. */
    @Override
    public String toString() {
        return "RemoteNotificationLog[" + uri + (headers.isEmpty() ? "" : ", headers " + headers.keySet()) + "]";
    }
}
