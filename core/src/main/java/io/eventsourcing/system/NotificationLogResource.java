package io.eventsourcing.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.application.Section;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.OperationalException;
import java.util.Arrays;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP resources of a notification log, apart from the server that serves them: what
 * {@link NotificationLogServer} serves and {@link RemoteNotificationLog} reads, so that another web
 * framework can serve a log the same way (the Spring Boot module serves it from Spring MVC). Paths are
 * relative to the log's URI:
 * <ul>
 *   <li>{@code /sections/1,10}: a section, {@code {"id", "next_id", "items"}};</li>
 *   <li>the log itself, with {@code start}, {@code limit}, {@code stop} and {@code topics} (comma-separated)
 *       parameters: a selection, {@code {"items"}}.</li>
 * </ul>
 * Each item is {@code {"id", "originator_id", "originator_version", "topic", "state"}} with the state
 * base64-encoded, as stored (still compressed and encrypted, if the application does that).
 *
 * <p>An error is answered with its status and a short message, {@code {"error": "..."}}: 400 for a bad
 * parameter or section id, 404 for an unknown path, 503 when the log's database cannot be reached and
 * 500 for anything else. The message of a 5xx names no exception, table or SQL: it gives a reference
 * under which the exception is logged (SLF4J, logger {@code io.eventsourcing.system.NotificationLogResource}).
 *
 * <p>Thread-safe.
 */
public final class NotificationLogResource {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationLogResource.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECTIONS = "/sections/";
    private static final int MAX_MESSAGE = 300;

    /**
     * An answer: its HTTP status and its JSON body ({@code application/json}).
     *
     * @param status the HTTP status
     * @param json the body
     */
    public record Response(int status, String json) {
        /** The body's media type. */
        public static final String CONTENT_TYPE = "application/json";
    }

    private final NotificationLog log;

    /** The resources of the log. */
    public NotificationLogResource(NotificationLog log) {
        this.log = requireNonNull(log, "log");
    }

    /**
     * Answers a {@code GET}.
     *
     * @param path the path below the log's URI, decoded: {@code ""} (or {@code "/"}) for a selection,
     *     {@code "/sections/1,10"} for a section
     * @param query the query parameters, decoded
     */
    public Response get(String path, Map<String, String> query) {
        requireNonNull(path, "path");
        requireNonNull(query, "query");
        try {
            if (path.startsWith(SECTIONS)) {
                return new Response(200, JSON.writeValueAsString(section(log.section(path.substring(SECTIONS.length())))));
            }
            if (path.isEmpty() || path.equals("/")) {
                long start = number(query, "start", 1);
                long limit = number(query, "limit", log.sectionSize());
                if (limit < 1 || limit > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("limit must be at least 1, was " + limit);
                }
                Long stop = query.get("stop") == null ? null : number(query, "stop", 0);
                String topics = query.getOrDefault("topics", "");
                Set<String> topicSet = topics.isEmpty() ? Set.of()
                        : Arrays.stream(topics.split(",")).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
                ObjectNode body = JSON.createObjectNode();
                body.set("items", items(log.select(start, (int) limit, stop, topicSet)));
                return new Response(200, JSON.writeValueAsString(body));
            }
            return error(404, "no such resource below the notification log: " + path);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (OperationalException e) {
            String reference = UUID.randomUUID().toString();
            LOG.warn("notification log unavailable (reference {})", reference, e);
            return error(503, "the notification log's database is unavailable; try again later (reference "
                    + reference + ")");
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            LOG.error("notification log request failed (reference {})", reference, e);
            return error(500, "the notification log could not be read (reference " + reference
                    + "; the server's log has the details)");
        }
    }

    /**
     * Answers a {@code GET} whose query is still encoded, as a JDK {@code HttpExchange} gives it
     * ({@code getRequestURI().getRawQuery()}).
     *
     * @param path the path below the log's URI, decoded
     * @param rawQuery the query string, e.g. {@code start=1&limit=10}, or null
     */
    public Response get(String path, @Nullable String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.put(key, value);
            }
        }
        return get(path, query);
    }

    /** The answer to a request for something that is not there, e.g. a log a server does not have. */
    public static Response notFound(String message) {
        return error(404, message);
    }

    /** The answer to a request with another method than GET. */
    public static Response methodNotAllowed(String method) {
        return error(405, "only GET is served, not " + method);
    }

    private static long number(Map<String, String> query, String name, long otherwise) {
        String value = query.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + shorten(value, 40) + "'", e);
        }
    }

    private static ObjectNode section(Section section) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", section.id());
        body.put("next_id", section.nextId());
        body.set("items", items(section.items()));
        return body;
    }

    private static ArrayNode items(List<Notification> notifications) {
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

    private static Response error(int status, @Nullable String message) {
        String text = message == null || message.isBlank() ? "request failed" : shorten(message, MAX_MESSAGE);
        return new Response(status, JSON.writeValueAsString(JSON.createObjectNode().put("error", text)));
    }

    private static String shorten(String text, int most) {
        return text.length() <= most ? text : text.substring(0, most) + "...";
    }
}
