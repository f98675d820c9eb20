package io.eventsourcing.tck.memory;

import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.InMemoryDcbRecorder;
import io.eventsourcing.tck.DcbRecorderConformance;

class InMemoryDcbRecorderTest extends DcbRecorderConformance {
    @Override
    protected DcbRecorder createRecorder() {
        return new InMemoryDcbRecorder();
    }
}
