package io.eventsourcing.tck.memory;

import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.memory.InMemoryTrackingRecorder;
import io.eventsourcing.tck.TrackingRecorderConformance;

class InMemoryTrackingRecorderTest extends TrackingRecorderConformance {
    @Override
    protected TrackingRecorder createRecorder() {
        return new InMemoryTrackingRecorder();
    }
}
