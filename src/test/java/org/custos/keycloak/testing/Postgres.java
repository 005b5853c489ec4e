package org.custos.keycloak.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A direct JDBC connection to the PostgreSQL the test server runs on (the PostgreSQL pass of {@code .ci/run}). */
public final class Postgres {

    private Postgres() {}

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("custos.test.db.url"),
                System.getProperty("custos.test.db.username"),
                System.getProperty("custos.test.db.password"));
    }
}
