package io.eventsourcing.tck.memory;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.memory.InMemoryProcessRecorder;
import io.eventsourcing.tck.ApplicationRecorderConformance;
import io.eventsourcing.tck.ProcessRecorderConformance;
import io.eventsourcing.tck.TrackingRecorderConformance;
import org.junit.jupiter.api.Nested;

/** The process recorder in its own role and, nested, in the two roles it also plays. */
class InMemoryProcessRecorderTest extends ProcessRecorderConformance {
    @Override
    protected ProcessRecorder createRecorder() {
        return new InMemoryProcessRecorder();
    }

    @Nested
    class AsApplicationRecorder extends ApplicationRecorderConformance {
        @Override
        protected ApplicationRecorder createRecorder() {
            return new InMemoryProcessRecorder();
        }
    }

    @Nested
    class AsTrackingRecorder extends TrackingRecorderConformance {
        @Override
        protected TrackingRecorder createRecorder() {
            return new InMemoryProcessRecorder();
        }
    }
}
