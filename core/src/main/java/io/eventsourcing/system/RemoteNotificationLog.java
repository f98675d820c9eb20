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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link NotificationLog} read over HTTP from a {@link NotificationLogServer}, with the JDK's HTTP
 * client, so a {@link ProcessApplication} can {@code follow} a leader in another process.
 *
 * <p>Thread-safe.
 */
public final class RemoteNotificationLog implements NotificationLog {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI uri;
    private final int sectionSize;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param uri the server's log, e.g. {@link NotificationLogServer#uri()}
     * @param sectionSize the server log's section size (10 unless configured otherwise)
     */
    public RemoteNotificationLog(URI uri, int sectionSize) {
        this.uri = requireNonNull(uri, "uri");
        this.sectionSize = sectionSize;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.timeout = Duration.ofSeconds(30);
    }

    @Override
    public int sectionSize() {
        return sectionSize;
    }

    @Override
    public Section section(String sectionId) {
        JsonNode body = get(uri + "/sections/" + URLEncoder.encode(sectionId, StandardCharsets.UTF_8));
        return new Section(text(body.get("id")), items(body.get("items")), text(body.get("next_id")));
    }

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
        HttpRequest request = HttpRequest.newBuilder(URI.create(address)).timeout(timeout).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OperationalException("GET " + address + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationalException("GET " + address + " was interrupted", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new InterfaceException("GET " + address + " answered " + response.statusCode() + " with no JSON", e);
        }
        if (response.statusCode() == 400) {
            throw new IllegalArgumentException(text(body.get("error")));
        }
        if (response.statusCode() != 200) {
            throw new InterfaceException("GET " + address + " answered " + response.statusCode() + ": "
                    + text(body.get("error")));
        }
        return body;
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

    @Override
    public String toString() {
        return "RemoteNotificationLog[" + uri + "]";
    }
}
