package io.accesshub.adapter.http.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** A test-only endpoint failing the way a repository does while the database is down, or for another reason. */
@Requires(property = "failing.enabled", value = "true")
@Controller("/failing")
@Secured(SecurityRule.IS_ANONYMOUS)
class FailingController {

    static final String DRIVER_MESSAGE = "HikariPool-1 - Connection is not available, request timed out after 1000ms"
        + " (jdbc:mysql://db.internal:3306/accesshub user=hub password=s3cr3t)";
    static final String SQL = "SELECT * FROM token_grant WHERE installation_id = ?";

    @Get("/database")
    String database() {
        throw new IllegalStateException("Error executing SQL Query [" + SQL + "]",
            new SQLTransientConnectionException(DRIVER_MESSAGE));
    }

    @Get("/communications")
    String communications() {
        throw new RuntimeException(SQL, new SQLException("Communications link failure to db.internal", "08S01"));
    }

    @Get("/other")
    String other() {
        throw new IllegalStateException("something else broke");
    }
}
