package io.eventsourcing.messaging;

/** What a relayed message's body holds. */
public enum Body {
    /**
     * The event's state bytes exactly as the leader stored them: compressed and encrypted if the leader
     * does that, so the broker sees no plain data. A republisher reads them with the leader's mapper.
     */
    STORED,
    /**
     * The event's JSON envelope, decrypted and decompressed, for consumers that are not this library
     * ({@code content-type: application/json}). A republisher reads it with a mapper without cipher or
     * compressor.
     */
    JSON
}
