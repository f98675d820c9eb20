package io.eventsourcing.postgres.faults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * What every writer was told of every save it began: acknowledged (with its notification id), failed
 * (with the exception), or nothing (its process was killed first). Thread-safe.
 */
final class Ledger {
    /** What a writer was told. */
    enum Told { ACKNOWLEDGED, FAILED, NOTHING }

    /**
     * One save.
     *
     * @param id the saved aggregate's id (each save creates a new aggregate)
     * @param writer which writer saved it
     * @param inProcess whether the writer ran in the test's JVM (its times are comparable to the faults')
     * @param began when the save began ({@code System.nanoTime()} of the test's JVM; 0 for child writers)
     * @param ended when it ended, likewise
     * @param told the outcome the writer was told
     * @param notificationId the acknowledged notification id, or 0
     * @param failure the exception's class and message, for a failed save
     */
    record Save(UUID id, String writer, boolean inProcess, long began, long ended, Told told, long notificationId,
            @Nullable String failure) {}

    private final Map<UUID, Save> saves = new ConcurrentHashMap<>();
    private final Collection<Save> acknowledgedInProcess = new ConcurrentLinkedQueue<>();

    void began(UUID id, String writer, boolean inProcess, long began) {
        saves.put(id, new Save(id, writer, inProcess, began, 0, Told.NOTHING, 0, null));
    }

    void acknowledged(UUID id, long ended, long notificationId) {
        Save save = saves.computeIfPresent(id, (key, s) -> new Save(key, s.writer(), s.inProcess(), s.began(), ended,
                Told.ACKNOWLEDGED, notificationId, null));
        if (save != null && save.inProcess()) {
            acknowledgedInProcess.add(save);
        }
    }

    void failed(UUID id, long ended, String failure) {
        saves.computeIfPresent(id, (key, s) -> new Save(key, s.writer(), s.inProcess(), s.began(), ended, Told.FAILED,
                0, failure));
    }

    Collection<Save> saves() {
        return saves.values();
    }

    /** The in-process saves acknowledged, by when they ended. */
    List<Save> acknowledgedInProcess() {
        List<Save> list = new ArrayList<>(acknowledgedInProcess);
        list.sort((a, b) -> Long.compare(a.ended(), b.ended()));
        return list;
    }
}
