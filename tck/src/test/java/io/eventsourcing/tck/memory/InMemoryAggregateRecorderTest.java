package io.eventsourcing.tck.memory;

import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.memory.InMemoryAggregateRecorder;
import io.eventsourcing.tck.AggregateRecorderConformance;

class InMemoryAggregateRecorderTest extends AggregateRecorderConformance {
    @Override
    protected AggregateRecorder createRecorder() {
        return new InMemoryAggregateRecorder();
    }
}
