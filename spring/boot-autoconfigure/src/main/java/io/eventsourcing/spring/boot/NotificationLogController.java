package io.eventsourcing.spring.boot;

import io.eventsourcing.application.Application;
import io.eventsourcing.system.NotificationLogResource;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notification logs of the context's application beans over HTTP, as {@code NotificationLogServer}
 * serves one (the same JSON, the same errors), so that a {@code RemoteNotificationLog} can follow an
 * application of this context: {@code GET <path>/<application>/sections/1,10} and
 * {@code GET <path>/<application>?start=1&limit=10}, where {@code <application>} is the application's
 * name in lower case and {@code <path>} is {@code eventsourcing.web.notification-log.path}. Served only
 * with {@code eventsourcing.web.notification-log.enabled=true}: the logs hold every event, so secure the
 * path (Spring Security) as you would any endpoint that shows them.
 */
@RestController
@RequestMapping("${eventsourcing.web.notification-log.path:/eventsourcing/notifications}")
final class NotificationLogController {
    private final ObjectProvider<Application> applications;
    private final Map<Application, NotificationLogResource> resources = new ConcurrentHashMap<>();

    NotificationLogController(ObjectProvider<Application> applications) {
        this.applications = applications;
    }

    @GetMapping("/{application}/sections/{section}")
    ResponseEntity<String> section(@PathVariable("application") String application,
            @PathVariable("section") String section) {
        return answer(application, "/sections/" + section, Map.of());
    }

    @GetMapping({"/{application}", "/{application}/"})
    ResponseEntity<String> select(@PathVariable("application") String application,
            @RequestParam Map<String, String> query) {
        return answer(application, "", query);
    }

    private ResponseEntity<String> answer(String name, String path, Map<String, String> query) {
        Application application = applications.orderedStream()
                .filter(a -> a.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
        NotificationLogResource.Response response = application == null
                ? NotificationLogResource.notFound("no application named '" + name + "'")
                : resources.computeIfAbsent(application, a -> new NotificationLogResource(a.notificationLog()))
                        .get(path, query);
        return ResponseEntity.status(response.status())
                .header(HttpHeaders.CONTENT_TYPE, NotificationLogResource.Response.CONTENT_TYPE)
                .body(response.json());
    }
}
