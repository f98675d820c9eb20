/**
 * JPA recorders on Hibernate ORM: an application's events commit in the same {@code EntityManager}
 * transaction as the caller's entities ({@code PERSISTENCE_MODULE=jpa}).
 */
module io.eventsourcing.jpa {
    requires transitive io.eventsourcing.jdbc;
    requires transitive jakarta.persistence;
    requires transitive org.hibernate.orm.core;
    requires static org.jspecify;

    exports io.eventsourcing.jpa;
    // Hibernate reads and writes the fields of the mapped superclasses reflectively.
    opens io.eventsourcing.jpa to org.hibernate.orm.core;

    provides io.eventsourcing.persistence.InfrastructureFactoryProvider with io.eventsourcing.jpa.JpaFactoryProvider;
    provides io.eventsourcing.persistence.SettingNames with io.eventsourcing.jpa.JpaSettingNames;
}
