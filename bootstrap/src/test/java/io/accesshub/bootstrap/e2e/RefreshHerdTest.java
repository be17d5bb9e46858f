package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.Presentation;
import io.accesshub.simulator.SimulatorConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The herd: two hub instances on one database, 100 concurrent token reads each on one expired grant. HighLevel (the
 * simulator, grace window off) must see that refresh token exactly once, and every caller gets the new token.
 */
class RefreshHerdTest {

    private HubHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    private static List<String> refreshTokenHashesIssuedFor(GhlSimulator simulator, String resource) {
        return simulator.presentations().stream()
            .filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN && p.outcome() == Presentation.Outcome.ISSUED
                && resource.equals(p.resourceId()))
            .map(Presentation::tokenHash).toList();
    }

    private static long presentations(GhlSimulator simulator, String hash) {
        return simulator.presentations().stream()
            .filter(p -> p.isPresentation() && p.kind() == Presentation.Kind.REFRESH_TOKEN && p.tokenHash().equals(hash))
            .count();
    }

    @Test
    void twoHundredConcurrentReadsOnTwoInstancesPresentTheRefreshTokenOnce() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().noRefreshGraceWindow().locationCount(3));
        HubHarness.Hub first = harness.startHub();
        HubHarness.Hub second = harness.startHub();
        assertThat(harness.installThroughBrowser(first, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of())
            .status()).isEqualTo(200);
        String original = refreshTokenHashesIssuedFor(harness.simulator, "sim-loc-0001").get(0);
        String oldAccessToken = (String) harness.locationToken(first, "sim-loc-0001").json().get("accessToken");
        harness.expireAllAccessTokens();

        ExecutorService pool = Executors.newFixedThreadPool(200);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<HubHarness.Response>> reads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            HubHarness.Hub hub = i % 2 == 0 ? first : second;
            reads.add(() -> {
                start.await();
                return harness.locationToken(hub, "sim-loc-0001");
            });
        }
        List<Future<HubHarness.Response>> futures = new ArrayList<>();
        try {
            for (Callable<HubHarness.Response> read : reads) {
                futures.add(pool.submit(read));
            }
            start.countDown();
            Set<Object> tokens = new HashSet<>();
            for (Future<HubHarness.Response> f : futures) {
                HubHarness.Response response = f.get();
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                tokens.add(response.json().get("accessToken"));
            }

            assertThat(presentations(harness.simulator, original)).as("presentations of the expired grant's token")
                .isEqualTo(1);
            assertThat(tokens).hasSize(1).doesNotContain(oldAccessToken);
            assertThat(harness.simulator.invariants().invalidGrantTotal()).isZero();
            assertThat(harness.simulator.invariants().refreshTokensReusedOutsideGrace()).isEmpty();
            assertThat(harness.status(first, "sim-loc-0001")).isEqualTo("ACTIVE");
        } finally {
            pool.shutdownNow();
        }
    }
}
