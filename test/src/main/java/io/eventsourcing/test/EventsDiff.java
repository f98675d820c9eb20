package io.eventsourcing.test;

import io.eventsourcing.persistence.Transcoder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/*
 * Design: an event is what it is stored as, so two payloads are the same event when they are equal or,
 * being of one class, have the same JSON (a record holding an array is not equal to its copy, but it is
 * the same event). The differences are told in the JSON's terms, field by field with dotted paths
 * ("address.street"), which for records are the components' names; a value is shown as its JSON.
 */

/** Compares expected events with actual ones and tells how they differ, event by event and field by field. */
final class EventsDiff {
    private EventsDiff() {}

    /** Whether two payloads are the same event: equal, or of the same class with the same JSON. */
    static boolean same(Object expected, Object actual, Transcoder transcoder) {
        if (Objects.equals(expected, actual)) {
            return true;
        }
        if (expected.getClass() != actual.getClass()) {
            return false;
        }
        JsonNode expectedJson = json(expected, transcoder);
        return expectedJson != null && expectedJson.equals(json(actual, transcoder));
    }

    /**
     * How the actual events differ from the expected ones, one line per difference followed by both
     * lists, or null if they are the same events in the same order.
     */
    static @Nullable String differences(List<?> expected, List<?> actual, Transcoder transcoder) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String at = "  event " + (i + 1) + ": ";
            if (i >= actual.size()) {
                lines.add(at + "expected " + render(expected.get(i), transcoder) + " but there was none");
            } else if (i >= expected.size()) {
                lines.add(at + "unexpected " + render(actual.get(i), transcoder));
            } else if (!same(expected.get(i), actual.get(i), transcoder)) {
                lines.addAll(differences(at, expected.get(i), actual.get(i), transcoder));
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        return String.join("\n", lines) + "\n  expected: " + render(expected, transcoder)
                + "\n  actual:   " + render(actual, transcoder);
    }

    /** A list of events, each rendered. */
    static String render(List<?> events, Transcoder transcoder) {
        return events.stream().map(event -> render(event, transcoder)).toList().toString();
    }

    /** An event as a record shows itself, or as its class's simple name and its JSON. */
    static String render(Object event, Transcoder transcoder) {
        if (event.getClass().isRecord()) {
            return event.toString();
        }
        JsonNode json = json(event, transcoder);
        return event.getClass().getSimpleName() + (json != null ? json.toString() : "[" + event + "]");
    }

    private static List<String> differences(String at, Object expected, Object actual, Transcoder transcoder) {
        String name = expected.getClass().getSimpleName();
        if (expected.getClass() != actual.getClass()) {
            return List.of(at + "expected " + render(expected, transcoder) + " but was " + render(actual, transcoder));
        }
        JsonNode expectedJson = json(expected, transcoder);
        JsonNode actualJson = json(actual, transcoder);
        if (expectedJson == null || actualJson == null) {
            return List.of(at + "expected " + render(expected, transcoder) + " but was " + render(actual, transcoder));
        }
        List<String> fields = new ArrayList<>();
        fields(expectedJson, actualJson, "", fields);
        if (fields.isEmpty()) {
            return List.of(at + name + " is not equal to the expected one, though their JSON is the same: "
                    + render(actual, transcoder));
        }
        List<String> lines = new ArrayList<>();
        for (String field : fields) {
            lines.add(at + name + " " + field);
        }
        return lines;
    }

    /** The differing fields of two JSON values, as "'path' expected X but was Y". */
    private static void fields(JsonNode expected, JsonNode actual, String path, List<String> out) {
        if (expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new LinkedHashSet<>(expected.propertyNames());
            names.addAll(actual.propertyNames());
            for (String name : names) {
                String at = path.isEmpty() ? name : path + "." + name;
                JsonNode e = expected.get(name);
                JsonNode a = actual.get(name);
                if (e == null) {
                    out.add("'" + at + "' was not expected but was " + a);
                } else if (a == null) {
                    out.add("'" + at + "' expected " + e + " but was missing");
                } else {
                    fields(e, a, at, out);
                }
            }
            return;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                fields(expected.get(i), actual.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        out.add((path.isEmpty() ? "" : "'" + path + "' ") + "expected " + expected + " but was " + actual);
    }

    private static @Nullable JsonNode json(Object value, Transcoder transcoder) {
        try {
            return transcoder.toTree(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
