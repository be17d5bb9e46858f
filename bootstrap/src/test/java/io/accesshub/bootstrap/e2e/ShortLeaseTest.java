package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.Presentation;
import io.accesshub.simulator.SimulatorConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Short lease, the configuration side: a hub whose refresh lease (3 s) is shorter than one request needs (connect
 * 1 s + read 2 s + completion 2 s in the harness) does not start, so it can never send on such a lease; the
 * instance with a sufficient lease keeps serving. (A lease that runs short at run time, before the grace-window retry
 * included, is renewed or nothing is sent: GrantRefresherTest covers it, as an end-to-end run cannot stall a request
 * on cue.)
 */
class ShortLeaseTest {

    private HubHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aHubWhoseLeaseIsShorterThanOneRequestRefusesToStart() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3));
        HubHarness.Hub hub = harness.startHub();
        assertThat(harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of())
            .status()).isEqualTo(200);
        harness.expireAllAccessTokens();

        assertThatThrownBy(() -> harness.startHub(Map.of("accesshub.refresh.lease", "3s")))
            .hasStackTraceContaining("must outlast one request to HighLevel");
        assertThat(refreshPresentations()).isZero();

        HubHarness.Response read = harness.locationToken(hub, "sim-loc-0001");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(refreshPresentations()).isEqualTo(1);
    }

    private long refreshPresentations() {
        return harness.simulator.presentations().stream()
            .filter(p -> p.kind() == Presentation.Kind.REFRESH_TOKEN && p.isPresentation()).count();
    }
}
