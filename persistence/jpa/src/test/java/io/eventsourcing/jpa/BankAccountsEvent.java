package io.eventsourcing.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The bank accounts application's events table, mapped through the library's superclass. */
@Entity
@Table(name = "bankaccounts_events")
public class BankAccountsEvent extends StoredEventRecord {}
