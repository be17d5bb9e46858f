package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.application.port.in.HighLevelCallResult;
import io.accesshub.adapter.ghl.client.HighLevelCallRefusedException;
import io.accesshub.adapter.ghl.client.HighLevelCallsClientFilter;
import io.accesshub.simulator.GhlSimulator;
import io.accesshub.simulator.SimulatorConfig;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The in-process client: a Micronaut declarative client with id {@code highlevel-calls} in the hub's own context calls
 * HighLevel with the resource's token and Version, a token HighLevel stopped accepting is renewed and the GET repeated,
 * and the hub's own answers (a hub-only path) fail with {@link HighLevelCallRefusedException}.
 */
class InProcessClientTest {

    /** What a team embedding the hub writes: HighLevel's contacts search, the location named per call. */
    @Client(id = HighLevelCallsClientFilter.CLIENT_ID)
    interface Contacts {
        @Get("/contacts/{?locationId,query}")
        HttpResponse<String> search(@Header(HighLevelCallsClientFilter.LOCATION_HEADER) String location,
                                    @QueryValue String locationId, @QueryValue String query);

        @Get("/oauth/installedLocations")
        HttpResponse<String> installedLocations(@Header(HighLevelCallsClientFilter.LOCATION_HEADER) String location);
    }

    private HubHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aDeclarativeClientCallsHighLevelThroughTheHubAndARejectedTokenIsRenewedOnce() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        HubHarness.Hub hub = harness.startHub(Map.of("micronaut.http.services.highlevel-calls.url",
            harness.simulator.baseUrl()));
        String location = harness.seedLocations(hub, 1).get(0).locationId();
        Contacts contacts = hub.bean(Contacts.class);
        String before = (String) harness.locationToken(hub, location).json().get("accessToken");

        HttpResponse<String> first = contacts.search(location, location, "ada");
        harness.simulator.rejectAccessTokens(location);
        HttpResponse<String> second = contacts.search(location, location, "ada");

        assertThat(first.code()).isEqualTo(200);
        assertThat(second.code()).isEqualTo(200);
        String after = (String) harness.locationToken(hub, location).json().get("accessToken");
        assertThat(after).isNotEqualTo(before);
        List<GhlSimulator.ApiRequestSeen> seen = harness.simulator.apiRequests();
        assertThat(seen).extracting(r -> r.headers().get("authorization").get(0))
            .containsExactly("Bearer " + before, "Bearer " + before, "Bearer " + after);
        assertThat(seen).allSatisfy(r -> {
            assertThat(r.headers().get("version")).containsExactly("2021-07-28");
            assertThat(r.headers()).doesNotContainKey("x-accesshub-location");
        });
    }

    @Test
    void aPathThatIsTheHubsOwnFailsWithTheHubsAnswerAndNeverReachesHighLevel() {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        HubHarness.Hub hub = harness.startHub(Map.of("micronaut.http.services.highlevel-calls.url",
            harness.simulator.baseUrl()));
        String location = harness.seedLocations(hub, 1).get(0).locationId();

        assertThatThrownBy(() -> hub.bean(Contacts.class).installedLocations(location))
            .isInstanceOfSatisfying(HighLevelCallRefusedException.class, refused ->
                assertThat(refused.result()).isInstanceOf(HighLevelCallResult.PathRefused.class));
        assertThat(harness.simulator.apiRequests()).isEmpty();
    }
}
