package io.eventsourcing.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.Notification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RelayedEventTest {
    private final UUID id = UUID.fromString("1e1d7398-8986-57af-bb01-11a89b2f8b02");
    private final RelayedEvent event = new RelayedEvent("Orders", 1, 3, 7, Body.JSON,
            new Notification(9, id, 2, "shop.Placed", "{}".getBytes()));

    @Test
    void travels_as_text_headers_and_the_state_as_body() {
        Map<String, String> headers = event.headers();

        assertThat(headers).containsEntry("es-notification-id", "9").containsEntry("es-originator-id", id.toString())
                .containsEntry("es-originator-version", "2").containsEntry("es-topic", "shop.Placed")
                .containsEntry("es-deduplication-id", "Orders:9").containsEntry("es-lane", "1")
                .containsEntry("es-lanes", "3").containsEntry("es-previous-id", "7").containsEntry("es-body", "json");
        assertThat(RelayedEvent.read(headers::get, event.payload())).isEqualTo(event);
        assertThat(event.trackingName()).isEqualTo("Orders#1");
    }

    @Test
    void a_message_without_a_header_or_with_a_bad_one_is_refused_naming_it() {
        Map<String, String> headers = new HashMap<>(event.headers());
        headers.remove("es-topic");
        assertThatThrownBy(() -> RelayedEvent.read(headers::get, new byte[0]))
                .isInstanceOf(RelayException.class).hasMessageStartingWith("the message has no header es-topic");

        headers.put("es-topic", "shop.Placed");
        headers.put("es-lane", "3");
        assertThatThrownBy(() -> RelayedEvent.read(headers::get, new byte[0]))
                .isInstanceOf(RelayException.class).hasMessageContaining("Orders:9").hasMessageContaining("lane 3 is not in [0, 3)");
    }

    @Test
    void an_aggregate_s_lane_is_the_same_everywhere() {
        assertThat(Lanes.of(id, 1)).isZero();
        assertThat(Lanes.of(id, 7)).isEqualTo(Math.floorMod(id.hashCode(), 7));
        assertThat(Lanes.trackingName("Orders", 0, 1)).isEqualTo("Orders");
        assertThatThrownBy(() -> Lanes.of(id, 0)).hasMessage("lanes must be at least 1, was 0");
    }
}
