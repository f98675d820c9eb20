package io.eventsourcing.tck.memory;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.memory.InMemoryApplicationRecorder;
import io.eventsourcing.tck.ApplicationRecorderConformance;

class InMemoryApplicationRecorderTest extends ApplicationRecorderConformance {
    @Override
    protected ApplicationRecorder createRecorder() {
        return new InMemoryApplicationRecorder();
    }
}
