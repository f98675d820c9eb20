-- The minimal application's own table, next to the event tables.
CREATE TABLE loans (
    isbn   VARCHAR(20)  NOT NULL,
    member VARCHAR(100) NOT NULL
);
