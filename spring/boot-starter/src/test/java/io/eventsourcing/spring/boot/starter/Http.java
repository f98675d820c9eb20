package io.eventsourcing.spring.boot.starter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests to a running application over real HTTP, with JSON bodies. */
final class Http implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();

    /** An answer: its status, content type and JSON body (missing if empty or not JSON). */
    record Response(int status, String contentType, JsonNode body) {}

    Response post(ConfigurableApplicationContext app, String path, Map<String, String> body) {
        return send(HttpRequest.newBuilder(uri(app, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    Response get(ConfigurableApplicationContext app, String path) {
        return send(HttpRequest.newBuilder(uri(app, path)).GET().build());
    }

    /** The application's address with the path, e.g. {@code http://127.0.0.1:40123/books}. */
    static URI uri(ConfigurableApplicationContext app, String path) {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() || !contentType.contains("json") ? JSON.missingNode()
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), contentType, body);
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
