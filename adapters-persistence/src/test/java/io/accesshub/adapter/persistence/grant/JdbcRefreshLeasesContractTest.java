package io.accesshub.adapter.persistence.grant;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.application.port.out.RefreshLeasesContract;
import io.accesshub.domain.installation.Installation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/** The refresh lease contract on the real database (its clock is the database's). */
class JdbcRefreshLeasesContractTest extends RefreshLeasesContract {

    @Override
    protected RefreshLeases leases() {
        return SharedContext.bean(RefreshLeases.class);
    }

    @Override
    protected GrantRepository grants() {
        return SharedContext.bean(GrantRepository.class);
    }

    @Override
    protected InstallationRepository installations() {
        return SharedContext.bean(InstallationRepository.class);
    }

    @Override
    protected void expireLease(Installation installation, Duration ago) {
        try (Connection connection = TestDatabase.shared().openConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE token_grant"
                 + " SET lease_until = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND) WHERE installation_id = ?")) {
            update.setLong(1, ago.toNanos() / 1000);
            update.setString(2, installation.id().toString());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
