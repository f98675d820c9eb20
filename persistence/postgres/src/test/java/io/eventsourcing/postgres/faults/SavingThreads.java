package io.eventsourcing.postgres.faults;

import io.eventsourcing.jdbc.testkit.Parcel;
import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.persistence.Recording;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads of the test's JVM saving new parcels in a loop through one application, each save entered in
 * the ledger before it begins and when it is answered. They are never restarted: their application must
 * recover from every fault by itself.
 */
final class SavingThreads {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * Starts the threads.
     *
     * @param count how many
     * @param pauseMillis the pause after each save
     */
    SavingThreads(PostOffice office, Ledger ledger, int count, long pauseMillis) {
        for (int n = 0; n < count; n++) {
            String writer = "thread-" + n;
            threads.add(Thread.ofPlatform().name("saving-" + writer).start(() -> {
                while (!stopped) {
                    Parcel parcel = Parcel.post("1 Harbour Road");
                    ledger.began(parcel.id(), writer, true, System.nanoTime());
                    try {
                        List<Recording> recordings = office.save(parcel);
                        ledger.acknowledged(parcel.id(), System.nanoTime(), recordings.getFirst().notificationId());
                    } catch (RuntimeException e) {
                        ledger.failed(parcel.id(), System.nanoTime(), e.getClass().getName() + ": " + e.getMessage());
                    }
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
    }

    /** Stops the threads once their saves in progress are answered. */
    void stop() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
