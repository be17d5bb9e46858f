package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationFilter;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.domain.installation.Installation;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.Fault;
import io.accesshub.simulator.FaultEndpoint;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.Presentation;
import io.accesshub.simulator.SimulatorConfig;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HighLevel rotates a pair while the hub's own database is going down: the answer is kept, the spent refresh token is
 * never presented again, callers get 503 with {@code Retry-After} (never 500) while the database is away, and once it
 * is back the grant is active with the new pair. The outage lasts {@code -Daccesshub.test.database-outage} (default
 * 10 s; the issue's scenario is 90 s).
 */
class RotationDatabaseOutageTest {

    private static final Duration OUTAGE = Duration.parse("PT"
        + System.getProperty("accesshub.test.database-outage", "10s").toUpperCase());

    private HubHarness harness;
    private StoppableDatabase database;

    @AfterEach
    void stop() throws IOException {
        if (harness != null) {
            harness.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private boolean attemptInFlight() throws Exception {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM token_grant WHERE attempt_in_flight")) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    private String lastIssuedRefreshTokenHash() {
        List<Presentation> issued = harness.simulator.presentations().stream()
            .filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN && p.outcome() == Presentation.Outcome.ISSUED)
            .toList();
        return issued.get(issued.size() - 1).tokenHash();
    }

    @Test
    void aPairRotatedWhileTheDatabaseGoesDownIsStoredWhenItComesBack() throws Exception {
        database = new StoppableDatabase();
        harness = new HubHarness(SimulatorConfig.builder().noRefreshGraceWindow().locationCount(3));
        Map<String, Object> properties = database.hubProperties();
        properties.put("micronaut.http.services.highlevel.read-timeout", "10s");
        properties.put("accesshub.refresh.lease", "30s");
        properties.put("accesshub.refresh.store-retry-max", "1s");
        HubHarness.Hub hub = harness.startHub(properties);
        assertThat(harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of())
            .status()).isEqualTo(200);
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE token_grant SET next_refresh_at = UTC_TIMESTAMP(6),"
                + " access_token_expires_at = DATE_ADD(UTC_TIMESTAMP(6), INTERVAL 30 SECOND)");
        }
        String spent = storedRefreshToken(hub);
        String presented = GhlSimulator.hash(spent);
        harness.simulator.inject(Fault.latency(FaultEndpoint.TOKEN, Duration.ofSeconds(2)));

        // The read that refreshes: its request is on its way to HighLevel when the database stops.
        CompletableFuture<HubHarness.Response> holder = CompletableFuture.supplyAsync(() -> {
            try {
                return harness.locationToken(hub, "sim-loc-0001");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Stop the database only once the refresh is at HighLevel (the latency fault is taken when the request
        // arrives): the scenario is a pair rotated during the outage. A database lost while the attempt is being
        // recorded, before anything is sent, is GrantRefresherTest's.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!harness.simulator.faults().isEmpty() || !attemptInFlight()) {
            assertThat(System.nanoTime()).as("the refresh was sent").isLessThan(deadline);
            Thread.sleep(20);
        }
        database.stop();

        HubHarness.Response holderAnswer = holder.get(60, TimeUnit.SECONDS);
        List<HubHarness.Response> duringOutage = new ArrayList<>();
        Instant outageEnds = Instant.now().plus(OUTAGE);
        while (Instant.now().isBefore(outageEnds)) {
            duringOutage.add(harness.locationToken(hub, "sim-loc-0001"));
            Thread.sleep(1000);
        }
        database.start();

        HubHarness.Response after = harness.locationToken(hub, "sim-loc-0001");
        long recovered = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (after.status() != 200 && System.nanoTime() < recovered) {
            assertThat(after.status()).as("while reconnecting: %s", after.body()).isEqualTo(503);
            Thread.sleep(200);
            after = harness.locationToken(hub, "sim-loc-0001");
        }

        assertThat(holderAnswer.status()).as("the holder's own read: %s", holderAnswer.body()).isEqualTo(503);
        assertThat(duringOutage).isNotEmpty().allSatisfy(response -> {
            assertThat(response.status()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        });
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(harness.status(hub, "sim-loc-0001")).isEqualTo("ACTIVE");
        assertThat(GhlSimulator.hash(storedRefreshToken(hub)))
            .as("the stored refresh token is the one HighLevel issued during the outage")
            .isEqualTo(lastIssuedRefreshTokenHash()).isNotEqualTo(presented);
        assertThat(harness.simulator.presentationsOfRefreshToken(spent))
            .as("the spent refresh token was presented exactly once").isEqualTo(1);
        assertThat(harness.simulator.invariants().invalidGrantTotal()).isZero();
        assertThat(harness.simulator.invariants().refreshTokensAcceptedMoreThanOnce()).isEmpty();
    }

    /** The refresh token the hub holds now for sim-loc-0001. */
    private String storedRefreshToken(HubHarness.Hub hub) {
        GrantRepository grants = hub.bean(GrantRepository.class);
        Installation installation = hub.bean(InstallationRepository.class)
            .list(InstallationFilter.all(), new PageRequest(0, 10)).items().stream()
            .filter(i -> i.key().locationId().map(l -> l.value().equals("sim-loc-0001")).orElse(false))
            .findFirst().orElseThrow();
        return grants.findByInstallationId(installation.id()).orElseThrow().refreshToken().orElseThrow().value();
    }
}
