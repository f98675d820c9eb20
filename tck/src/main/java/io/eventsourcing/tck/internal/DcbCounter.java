package io.eventsourcing.tck.internal;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbConditionException;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.DcbSequencedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The decider of the DCB racing tests ({@code DcbRecorderConformance}, {@code DcbRecorderProcessConformance}): it appends the next number of a counter (one tag), having read the
 * numbers appended so far, on condition that none was appended since. If two deciders ever appended
 * on the same read, a number would repeat; if a refused append stored anything, a position would be
 * missing.
 */
public final class DcbCounter {
    /** The type of its events. */
    public static final String TYPE = "Numbered";

    private DcbCounter() {}

    /**
     * Appends {@code count} numbers, deciding again after every refusal.
     *
     * @return how many appends were refused
     */
    public static int appendNext(DcbRecorder recorder, String tag, int count) {
        DcbQuery counter = DcbQuery.tags(tag);
        int refused = 0;
        for (int appended = 0; appended < count; ) {
            long head = recorder.head();
            List<DcbSequencedEvent> numbers = recorder.read(counter);
            long after = numbers.isEmpty() ? head : Math.max(head, numbers.getLast().position());
            long next = numbers.isEmpty() ? 1 : number(numbers.getLast()) + 1;
            DcbEvent event = DcbEvent.of(TYPE, Long.toString(next).getBytes(StandardCharsets.US_ASCII), tag);
            try {
                recorder.append(List.of(event), new DcbAppendCondition(counter, after));
                appended++;
            } catch (DcbConditionException e) {
                refused++;
            }
        }
        return refused;
    }

    /** The number a counter event carries. */
    public static long number(DcbSequencedEvent event) {
        return Long.parseLong(new String(event.event().data(), StandardCharsets.US_ASCII));
    }
}
