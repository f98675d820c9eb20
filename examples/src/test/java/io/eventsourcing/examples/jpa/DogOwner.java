package io.eventsourcing.examples.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Your own JPA entity: who owns a dog, kept beside the dog school's events. */
// tag::jpa-entity[]
@Entity
@Table(name = "dog_owners")
public class DogOwner {
    @Id
    @Column(name = "dog")
    private String dog = "";

    @Column(name = "owner")
    private String owner = "";

    protected DogOwner() {}

    public DogOwner(String dog, String owner) {
        this.dog = dog;
        this.owner = owner;
    }

    public String owner() {
        return owner;
    }
}
// end::jpa-entity[]
