package io.eventsourcing.examples.springdogschool;

import java.io.Serial;

/** The school's admission check refused a dog it had already registered; the transaction rolls back. */
final class DogRejectedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    DogRejectedException(String message) {
        super(message);
    }
}
