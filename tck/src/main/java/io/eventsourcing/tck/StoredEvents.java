package io.eventsourcing.tck;

import io.eventsourcing.persistence.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Stored events made up for the recorder suites: their state is arbitrary bytes, as a recorder sees it. */
final class StoredEvents {
    static final String TOPIC1 = "topic1";
    static final String TOPIC2 = "topic2";
    static final String TOPIC3 = "topic3";

    private StoredEvents() {}

    /** An event whose state names its originator, version and topic, so mix-ups are visible. */
    static StoredEvent event(UUID originatorId, long version, String topic) {
        String state = "{\"originator\":\"" + originatorId + "\",\"version\":" + version + ",\"topic\":\"" + topic
                + "\"}";
        return new StoredEvent(originatorId, version, topic, state.getBytes(StandardCharsets.UTF_8));
    }

    /** Versions {@code first} to {@code last} of one originator, all with one topic. */
    static List<StoredEvent> events(UUID originatorId, long first, long last, String topic) {
        List<StoredEvent> events = new ArrayList<>();
        for (long version = first; version <= last; version++) {
            events.add(event(originatorId, version, topic));
        }
        return events;
    }

    /** Every byte value once, then a few that are not valid UTF-8 together: what a cipher writes. */
    static byte[] everyByteValue() {
        byte[] bytes = new byte[260];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        bytes[256] = (byte) 0xC3;
        bytes[257] = (byte) 0x28;
        bytes[258] = 0;
        bytes[259] = (byte) 0xFF;
        return bytes;
    }
}
