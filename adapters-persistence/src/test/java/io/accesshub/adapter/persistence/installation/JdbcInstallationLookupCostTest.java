package io.accesshub.adapter.persistence.installation;

import static io.accesshub.application.testdata.InstallationMother.anInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.adapter.persistence.support.SharedContext;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.domain.installation.Installation;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.out.InstallationFilter;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Looking a location's installation up (every webhook that names a location does) costs the same whatever the size
 * of the fleet: the rows the server reads, counted by its session handler statistics, stay a handful with 300
 * installations of the app stored, for a location that is there and for one that is not. A page of an agency's locations
 * (what a cascade walks) reads about what it returns, however many other locations the app has.
 */
class JdbcInstallationLookupCostTest {

    private static final int FLEET = 300;

    private final InstallationRepository installations = SharedContext.bean(InstallationRepository.class);
    private final TransactionRunner transactions = SharedContext.bean(TransactionRunner.class);
    private final JdbcOperations jdbc = SharedContext.bean(JdbcOperations.class);
    private final MarketplaceAppId app = TestIds.appId();

    @BeforeEach
    void aFleetOfOneApp() {
        TestDatabase.shared().truncateTables();
        for (int i = 0; i < FLEET; i++) {
            installations.add(anInstallation().ofApp(app).forLocation().build());
        }
    }

    /** Rows read by index and table scans in this session so far. */
    private long rowsRead() {
        return jdbc.prepareStatement("SHOW SESSION STATUS WHERE Variable_name IN ('Handler_read_first',"
            + " 'Handler_read_key', 'Handler_read_next', 'Handler_read_prev', 'Handler_read_rnd_next')", ps -> {
                long total = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        total += rs.getLong(2);
                    }
                }
                return total;
            });
    }

    /** The rows the server read for one lookup, on the transaction's connection. */
    private long rowsReadFor(Runnable lookup) {
        return transactions.inTransaction(() -> {
            long before = rowsRead();
            lookup.run();
            return rowsRead() - before;
        });
    }

    @Test
    void anUnknownLocationIsOneIndexProbeNotAWalkThroughTheFleet() {
        long read = rowsReadFor(() -> assertThat(installations.findLocation(app, TestIds.locationId())).isEmpty());

        assertThat(read).isLessThan(10);
    }

    @Test
    void aKnownLocationIsFoundByTheSameProbe() {
        Installation last = installations.add(anInstallation().ofApp(app).forLocation().build());

        long read = rowsReadFor(() -> assertThat(installations.findLocation(app, last.key().locationId().orElseThrow()))
            .map(Installation::id).isEqualTo(Optional.of(last.id())));

        assertThat(read).isLessThan(10);
    }

    @Test
    void aPageOfAnAgencysLocationsReadsWhatItReturnsWhateverTheAgencysSize() {
        CompanyId agency = TestIds.companyId();
        for (int i = 0; i < FLEET; i++) {
            installations.add(anInstallation().ofApp(app).ofCompany(agency).forLocation().build());
        }
        java.util.List<Installation> first = installations.locationsOfCompany(app, agency, Optional.empty(), 50);

        long read = rowsReadFor(() -> assertThat(installations.locationsOfCompany(app, agency,
            Optional.of(first.get(49).id()), 50)).hasSize(50));

        assertThat(read).isLessThan(60);
    }

    @Test
    void aKeyScopedToOneAgencyListsItsInstallationsWithoutReadingTheFleet() {
        CompanyId agency = TestIds.companyId();
        for (int i = 0; i < 3; i++) {
            installations.add(anInstallation().ofApp(app).ofCompany(agency).forLocation().build());
        }
        AccessScope scope = new AccessScope(Set.of(), Set.of(agency), Set.of());

        long read = rowsReadFor(() -> assertThat(installations.list(InstallationFilter.all().within(scope),
            PageRequest.first(50)).items()).hasSize(3));

        assertThat(read).as("a count and a page of 3").isLessThan(30);
    }
}
