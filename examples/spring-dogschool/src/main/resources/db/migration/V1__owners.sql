-- The application's own table, next to the event tables; portable to SQLite and PostgreSQL.
CREATE TABLE owners (
    dog_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
    owner_name VARCHAR(255) NOT NULL
);
