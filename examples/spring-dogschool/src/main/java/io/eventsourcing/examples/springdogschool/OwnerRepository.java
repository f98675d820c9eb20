package io.eventsourcing.examples.springdogschool;

import org.springframework.data.jpa.repository.JpaRepository;

/** The owners, by dog id (a Spring Data JPA repository). */
interface OwnerRepository extends JpaRepository<OwnerRecord, String> {}
