package io.eventsourcing.examples.springdogschool;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** Who owns a dog: a plain JPA entity, a row of the {@code owners} table (made by the app's Flyway migration). */
@Entity
@Table(name = "owners")
class OwnerRecord {
    @Id
    @Column(name = "dog_id", length = 36)
    private @Nullable String dogId;

    @Column(name = "owner_name", nullable = false)
    private @Nullable String ownerName;

    /** For JPA. */
    protected OwnerRecord() {}

    OwnerRecord(String dogId, String ownerName) {
        this.dogId = dogId;
        this.ownerName = ownerName;
    }

    String ownerName() {
        return ownerName == null ? "" : ownerName;
    }
}
