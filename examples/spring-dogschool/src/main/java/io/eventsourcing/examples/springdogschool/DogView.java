package io.eventsourcing.examples.springdogschool;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A dog as the REST endpoints show it: from its events, and its owner from the JPA table. */
record DogView(UUID id, String name, @Nullable String owner, List<String> tricks) {
    DogView {
        tricks = List.copyOf(tricks);
    }
}
