package io.eventsourcing.tck;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * Test support for backends on database servers: checks that a server is reachable, and empties a
 * schema between tests. Under {@code CI=true} an unreachable server fails the test; elsewhere (a
 * developer's laptop without the server) the test is skipped with the reason printed.
 */
public final class Databases {
    private Databases() {}

    /**
     * Fails (under {@code CI=true}) or skips the calling test if nothing listens at the address.
     *
     * @param what the server's name for the message, e.g. {@code "PostgreSQL"}
     */
    public static void requireReachable(String what, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            String reason = what + " is not reachable at " + host + ":" + port + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason + "; under CI=true a database test never skips: start it with ../shared/services.sh");
            }
            System.err.println("SKIPPED: " + reason + "; start it to run these tests");
            Assumptions.abort(reason);
        }
    }

    /**
     * Runs SQL statements on a fresh JDBC connection, e.g. to drop and create a schema before a test.
     *
     * @throws AssertionError if they fail
     */
    public static void execute(String url, String user, String password, String... statements) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            fail("preparing the test database at " + url + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Creates a PostgreSQL database unless it exists (one made meanwhile by another test counts as
     * existing), connecting to the server's {@code postgres} database.
     *
     * @param server the server's URL without a database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}
     * @throws AssertionError if it cannot
     */
    public static void createPostgresDatabase(String server, String user, String password, String name) {
        try (Connection connection = DriverManager.getConnection(server + "postgres", user, password);
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) {        // duplicate_database: created meanwhile
                    throw e;
                }
            }
        } catch (SQLException e) {
            fail("creating the test database " + name + " at " + server + " failed: " + e.getMessage(), e);
        }
    }
}
