package io.accesshub.adapter.persistence.grant;

import io.accesshub.adapter.persistence.DbTime;
import io.accesshub.application.port.out.LocationProvisioningQueue;
import io.accesshub.domain.installation.InstallationId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link LocationProvisioningQueue} on the {@code location_provisioning} table: claims use
 * {@code SELECT … FOR UPDATE SKIP LOCKED} and leases on the database clock, so every instance can work the queue.
 */
@Singleton
public class JdbcLocationProvisioningQueue implements LocationProvisioningQueue {

    private final JdbcOperations jdbc;

    public JdbcLocationProvisioningQueue(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void enqueue(InstallationId companyInstallation, Instant notBefore) {
        jdbc.prepareStatement("INSERT INTO location_provisioning (company_installation_id, next_offset, status,"
            + " not_before, attempts) VALUES (?, 0, 'PENDING', ?, 0) ON DUPLICATE KEY UPDATE next_offset = 0,"
            + " status = 'PENDING', not_before = VALUES(not_before), attempts = 0, lease_owner = NULL, lease_until = NULL", ps -> {
                ps.setString(1, companyInstallation.toString());
                ps.setString(2, DbTime.toColumn(notBefore));
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public Optional<ProvisioningJob> claim(String owner, Duration leaseDuration) {
        Optional<String[]> due = jdbc.prepareStatement("SELECT company_installation_id, next_offset"
            + " FROM location_provisioning WHERE status = 'PENDING' AND not_before <= UTC_TIMESTAMP(6)"
            + " AND (lease_until IS NULL OR lease_until < UTC_TIMESTAMP(6)) ORDER BY not_before LIMIT 1"
            + " FOR UPDATE SKIP LOCKED", ps -> {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)})
                        : Optional.<String[]>empty();
                }
            });
        if (due.isEmpty()) {
            return Optional.empty();
        }
        jdbc.prepareStatement("UPDATE location_provisioning SET lease_owner = ?,"
            + " lease_until = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL ? MICROSECOND), attempts = attempts + 1"
            + " WHERE company_installation_id = ?", ps -> {
                ps.setString(1, owner);
                ps.setLong(2, leaseDuration.toNanos() / 1000);
                ps.setString(3, due.get()[0]);
                return ps.executeUpdate();
            });
        return Optional.of(new ProvisioningJob(InstallationId.parse(due.get()[0]), Integer.parseInt(due.get()[1]),
            owner));
    }

    @Override
    @Transactional
    public void advance(ProvisioningJob job, int nextOffset) {
        jdbc.prepareStatement("UPDATE location_provisioning SET next_offset = ?, lease_owner = NULL, lease_until = NULL,"
            + " attempts = 0, not_before = UTC_TIMESTAMP(6) WHERE company_installation_id = ? AND lease_owner = ?", ps -> {
                ps.setInt(1, nextOffset);
                ps.setString(2, job.companyInstallation().toString());
                ps.setString(3, job.owner());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public void finish(ProvisioningJob job) {
        jdbc.prepareStatement("UPDATE location_provisioning SET status = 'DONE', lease_owner = NULL,"
            + " lease_until = NULL WHERE company_installation_id = ? AND lease_owner = ?", ps -> {
                ps.setString(1, job.companyInstallation().toString());
                ps.setString(2, job.owner());
                return ps.executeUpdate();
            });
    }

    @Override
    @Transactional
    public void retryLater(ProvisioningJob job, Instant notBefore) {
        jdbc.prepareStatement("UPDATE location_provisioning SET lease_owner = NULL, lease_until = NULL,"
            + " not_before = ? WHERE company_installation_id = ? AND lease_owner = ?", ps -> {
                ps.setString(1, DbTime.toColumn(notBefore));
                ps.setString(2, job.companyInstallation().toString());
                ps.setString(3, job.owner());
                return ps.executeUpdate();
            });
    }
}
