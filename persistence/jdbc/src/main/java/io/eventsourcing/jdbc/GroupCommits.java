package io.eventsourcing.jdbc;

/**
 * What a recorder's group committer has done so far (see {@link JdbcApplicationRecorder}): how many
 * groups it has written, how many inserts they held, and how many inserts are waiting now. The
 * average group size is {@code inserts / groups}: 1 when saves never overlap, growing with the number
 * of threads saving at once.
 *
 * @param groups the groups written (or being written)
 * @param inserts the inserts they held
 * @param waiting the inserts queued for the next group
 */
public record GroupCommits(long groups, long inserts, int waiting) {}
