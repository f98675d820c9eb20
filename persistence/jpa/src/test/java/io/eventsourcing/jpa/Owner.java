package io.eventsourcing.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The caller's own entity: the owner of a bank account, kept beside the application's events. */
@Entity
@Table(name = "owners")
public class Owner {
    /** The table, as the caller's migration would create it. */
    static final String CREATE_TABLE = "CREATE TABLE owners (name VARCHAR(100) NOT NULL PRIMARY KEY, "
            + "account_id VARCHAR(36) NOT NULL)";

    @Id
    @Column(name = "name")
    private String name;

    @Column(name = "account_id")
    private String accountId;

    protected Owner() {
        this("", new UUID(0, 0));
    }

    Owner(String name, UUID accountId) {
        this.name = name;
        this.accountId = accountId.toString();
    }

    String name() {
        return name;
    }

    UUID accountId() {
        return UUID.fromString(accountId);
    }
}
