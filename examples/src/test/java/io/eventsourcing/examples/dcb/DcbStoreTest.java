package io.eventsourcing.examples.dcb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbConditionException;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.DcbSequencedEvent;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The DCB store on its own, as the specification has it: read by query, append on a condition. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DcbStoreTest {

    @Test
    void reads_by_query_and_appends_on_a_condition() {
        try (InfrastructureFactory factory = InfrastructureFactory.construct(
                Environment.isolated("Store", Map.of("PERSISTENCE_MODULE", "memory")))) {
            DcbRecorder store = factory.dcbRecorder();
            byte[] data = "{}".getBytes(StandardCharsets.UTF_8);
            store.append(List.of(DcbEvent.of("CourseDefined", data, "course:c1")));
            // tag::dcb-store[]
            DcbQuery course = DcbQuery.tags("course:c1");
            long head = store.head();
            List<DcbSequencedEvent> read = store.read(course);          // what the decision depends on
            DcbEvent subscribed = DcbEvent.of("StudentSubscribed", data, "student:s1", "course:c1");
            store.append(List.of(subscribed), new DcbAppendCondition(course, head));
            // end::dcb-store[]
            assertThat(read).hasSize(1);
            assertThat(store.head()).isEqualTo(2);
            assertThatThrownBy(() -> store.append(List.of(subscribed), new DcbAppendCondition(course, head)))
                    .isInstanceOf(DcbConditionException.class);
        }
    }
}
