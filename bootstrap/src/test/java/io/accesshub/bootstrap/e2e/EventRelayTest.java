package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.in.DeliverRelayEventsUseCase;
import io.accesshub.application.port.in.DispatchLifecycleEventsUseCase;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import io.accesshub.webhooks.WebhookVerificationException;
import io.accesshub.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle event relay end to end, on the real database with an in-process subscriber: every event of an agency
 * install arrives signed as documented; retries through a 5-minute outage deliver in order; a delivery past the retry
 * horizon is parked and replayed; secrets rotate with an overlap; private addresses are refused at creation and at
 * delivery; pauses keep events. Time is the test's: deliveries are sent with the instant the test gives.
 */
class EventRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HubHarness harness;
    private HubHarness.Hub hub;
    private RelayReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3));
        hub = harness.startHub(Map.of("accesshub.relay.enabled", "false",
            "accesshub.relay.allowed-hosts", "127.0.0.1",
            "accesshub.relay.secret-overlap", "1h"));
        receiver = new RelayReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        harness.close();
    }

    @Test
    void everyEventOfAnAgencyInstallArrivesSignedAndExactlyAsDocumented() throws Exception {
        Map<String, Object> created = subscribe(receiver.url(), allTypes());
        String secret = (String) created.get("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(harness.get(hub.url("/api/v1/admin/subscriptions"), HubHarness.API_KEY).body())
            .as("the secret is shown once").doesNotContain(secret.substring(6));

        harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, List.of("sim-loc-0001",
            "sim-loc-0002"));
        harness.processWebhooks(hub);
        harness.drainProvisioning(hub);
        dispatch(hub);
        Instant now = Instant.now();
        relay(now);

        List<Map<String, Object>> outbox = outboxRows();
        assertThat(outbox).extracting(r -> r.get("event_type")).contains("INSTALLED", "ACTIVATED");
        List<RelayReceiver.Received> got = receiver.accepted();
        assertThat(got).hasSize(outbox.size());
        WebhookVerifier verifier = new WebhookVerifier(List.of(secret), Duration.ofMinutes(5),
            Clock.fixed(now, ZoneOffset.UTC));
        Map<String, RelayReceiver.Received> byId = new java.util.HashMap<>();
        got.forEach(r -> assertThat(byId.put(r.id(), r)).as("each event once").isNull());
        for (Map<String, Object> row : outbox) {
            RelayReceiver.Received request = byId.get("msg_" + row.get("id"));
            assertThat(request).as("event " + row).isNotNull();
            verifier.verify(request.id(), request.timestamp(), request.signature(), request.body());
            assertThat(request.timestamp()).isEqualTo(Long.toString(now.getEpochSecond()));
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JSON.readValue(request.body(), Map.class);
            assertThat(body).containsOnlyKeys("type", "timestamp", "data")
                .containsEntry("type", "installation." + ((String) row.get("event_type")).toLowerCase());
            assertThat(Instant.parse((String) body.get("timestamp"))).isBetween(now.minusSeconds(300), now);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) body.get("data");
            assertThat(data).containsOnlyKeys("installationId", "appId", "companyId", "locationId", "userType",
                    "status", "reason", "planId", "sequence")
                .containsEntry("installationId", row.get("installation_id"))
                .containsEntry("appId", row.get("app_id"))
                .containsEntry("companyId", row.get("company_id"))
                .containsEntry("locationId", row.get("location_id"))
                .containsEntry("userType", row.get("location_id") == null ? "Company" : "Location")
                .containsEntry("status", row.get("status"))
                .containsEntry("reason", row.get("reason"))
                .containsEntry("planId", row.get("plan_id"))
                .containsEntry("sequence", ((Number) row.get("id")).intValue());
        }
        assertThat(got).extracting(r -> bodyOf(r).get("type")).contains("installation.installed",
            "installation.activated");
        assertThat(got.stream().map(r -> (String) dataOf(r).get("locationId")).filter(l -> l != null)
            .distinct()).containsExactlyInAnyOrder("sim-loc-0001", "sim-loc-0002");

        RelayReceiver.Received first = got.get(0);
        byte[] tampered = first.bodyText().replace("installation.", "installatiom.").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(first.id(), first.timestamp(), first.signature(), tampered))
            .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new WebhookVerifier(List.of("whsec_" + java.util.Base64.getEncoder()
                .encodeToString(new byte[32])), Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC))
            .verify(first.id(), first.timestamp(), first.signature(), first.body()))
            .as("another secret does not verify").isInstanceOf(WebhookVerificationException.class);

        relay(now.plusSeconds(60));
        assertThat(receiver.received()).as("delivered once, not again").hasSize(outbox.size());
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneDuringTheOverlapAndAloneAfter() throws Exception {
        Map<String, Object> created = subscribe(receiver.url(), List.of("installation.installed"));
        String id = (String) created.get("id");
        String oldSecret = (String) created.get("secret");
        HubHarness.Response rotated = harness.send("POST", hub.url("/api/v1/admin/subscriptions/" + id
            + "/rotate-secret"), HubHarness.API_KEY, null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = (String) rotated.json().get("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(rotated.json().get("previousSecretValidUntil")).isNotNull();
        HubHarness.Response again = harness.send("POST", hub.url("/api/v1/admin/subscriptions/" + id
            + "/rotate-secret"), HubHarness.API_KEY, null);
        assertThat(again.status()).as("inside the overlap").isEqualTo(409);
        assertThat(again.json()).containsEntry("code", "rotation_in_progress");
        assertThat(again.body()).doesNotContain(newSecret.substring(6)).doesNotContain(oldSecret.substring(6));

        InstallationId installation = publish(InstallationEventType.INSTALLED);
        Instant during = Instant.now();
        relay(during);
        RelayReceiver.Received inOverlap = receiver.accepted().get(0);
        assertThat(inOverlap.signature().split(" ")).hasSize(2);
        verify(inOverlap, oldSecret, during);
        verify(inOverlap, newSecret, during);

        publishFor(installation, InstallationEventType.INSTALLED);
        Instant after = during.plus(Duration.ofHours(2));
        relay(after);
        RelayReceiver.Received afterOverlap = receiver.accepted().get(1);
        assertThat(afterOverlap.signature().split(" ")).hasSize(1);
        verify(afterOverlap, newSecret, after);
        assertThatThrownBy(() -> verify(afterOverlap, oldSecret, after))
            .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void fiveMinutesOfServerErrorsAreRetriedAndThenEverythingArrivesInOrder() throws Exception {
        String id = (String) subscribe(receiver.url(), allTypes()).get("id");
        InstallationId installation = publish(InstallationEventType.INSTALLED);
        publishFor(installation, InstallationEventType.ACTIVATED);
        publishFor(installation, InstallationEventType.DEGRADED);
        publishFor(installation, InstallationEventType.RECOVERED);
        InstallationId other = publish(InstallationEventType.INSTALLED);
        receiver.answerWith(500);

        Instant start = Instant.now();
        for (int second = 0; second <= 300; second += 5) {
            relay(start.plusSeconds(second));
        }
        List<RelayReceiver.Received> failed = receiver.received();
        assertThat(failed).isNotEmpty().allMatch(r -> r.answeredWith() == 500);
        assertThat(failed).extracting(r -> (String) dataOf(r).get("installationId"))
            .as("only the oldest event of each installation is tried while it fails")
            .containsOnly(installation.toString(), other.toString());
        assertThat(failed.stream().filter(r -> dataOf(r).get("installationId").equals(installation.toString())))
            .extracting(r -> bodyOf(r).get("type")).containsOnly("installation.installed");
        assertThat(failed.size()).as("backoff: 10 s doubling gives a handful of attempts in 5 minutes, not 60")
            .isBetween(8, 20);

        receiver.answerWith(200);
        for (int second = 300; second <= 1_200 && receiver.accepted().size() < 5; second += 30) {
            relay(start.plusSeconds(second));
        }
        List<RelayReceiver.Received> delivered = receiver.accepted();
        assertThat(delivered.stream().filter(r -> dataOf(r).get("installationId").equals(installation.toString())))
            .extracting(r -> bodyOf(r).get("type")).containsExactly("installation.installed",
                "installation.activated", "installation.degraded", "installation.recovered");
        assertThat(delivered).hasSize(5);
        List<Integer> sequences = delivered.stream().filter(r -> dataOf(r).get("installationId")
            .equals(installation.toString())).map(r -> ((Number) dataOf(r).get("sequence")).intValue()).toList();
        assertThat(sequences).isSorted();
        assertThat(delivered).extracting(RelayReceiver.Received::id).doesNotHaveDuplicates();

        HubHarness.Response attempts = harness.get(hub.url("/api/v1/admin/subscriptions/" + id
            + "/attempts?limit=200"), HubHarness.API_KEY);
        assertThat(attempts.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) attempts.json().get("items");
        assertThat(items).hasSize(failed.size() + 5);
        assertThat(items).filteredOn(a -> Integer.valueOf(500).equals(a.get("answerCode"))).hasSize(failed.size())
            .allSatisfy(a -> assertThat(a).containsEntry("stateAfter", "PENDING").containsKey("latencyMs"));
        assertThat(items.get(0)).containsEntry("answerCode", 200).containsEntry("stateAfter", "DELIVERED");
    }

    @Test
    void pastTheRetryHorizonADeliveryIsParkedHoldsNothingBackAndReplayDeliversIt() throws Exception {
        String id = (String) subscribe(receiver.url(), allTypes()).get("id");
        InstallationId installation = publish(InstallationEventType.INSTALLED);
        publishFor(installation, InstallationEventType.ACTIVATED);
        receiver.answerFor("installation.installed", 503);
        Instant start = Instant.now();
        relay(start);
        assertThat(receiver.received()).hasSize(1);
        relay(start.plus(Duration.ofHours(25)));
        assertThat(receiver.received()).extracting(RelayReceiver.Received::answeredWith).containsExactly(503, 503,
            200);

        HubHarness.Response parked = harness.get(hub.url("/api/v1/admin/subscriptions/" + id
            + "/deliveries?state=parked"), HubHarness.API_KEY);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> parkedItems = (List<Map<String, Object>>) parked.json().get("items");
        assertThat(parkedItems).singleElement().satisfies(d -> assertThat(d)
            .containsEntry("type", "installation.installed").containsEntry("attempts", 2));

        assertThat(receiver.accepted()).extracting(r -> bodyOf(r).get("type"))
            .as("the parked event holds back nothing").containsExactly("installation.activated");
        receiver.answerFor(null, 0);

        long deliveryId = ((Number) parkedItems.get(0).get("id")).longValue();
        HubHarness.Response replay = harness.send("POST", hub.url("/api/v1/admin/deliveries/" + deliveryId
            + "/replay"), HubHarness.API_KEY, null);
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        assertThat(replay.json()).containsEntry("state", "PENDING").containsEntry("attempts", 0);
        relay(start.plus(Duration.ofHours(25)).plusSeconds(1));
        assertThat(receiver.accepted()).extracting(r -> bodyOf(r).get("type"))
            .containsExactly("installation.activated", "installation.installed");
        assertThat(receiver.accepted().get(1).id()).as("the same webhook-id as before")
            .isEqualTo(receiver.received().get(0).id());

        assertThat(harness.send("POST", hub.url("/api/v1/admin/deliveries/" + deliveryId + "/replay"),
            HubHarness.READ_ONLY_KEY, null).status()).as("admins only").isEqualTo(403);
        assertThat(harness.send("POST", hub.url("/api/v1/admin/deliveries/99999999/replay"), HubHarness.API_KEY,
            null).status()).isEqualTo(404);
    }

    @Test
    void privateAddressesAreRefusedAtCreationAndAtDelivery() throws Exception {
        for (String url : List.of("https://10.1.2.3/hook", "https://localhost/hook", "https://[::1]/hook",
                "http://203.0.113.7/hook", "https://user:pw@127.0.0.1/hook", "ftp://127.0.0.1/hook")) {
            HubHarness.Response refused = create(url, List.of("installation.installed"));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.json()).as(url).containsEntry("code", "invalid_subscription");
        }
        assertThat(harness.count("SELECT COUNT(*) FROM relay_subscription")).isZero();

        String id = (String) subscribe(receiver.url(), allTypes()).get("id");
        publish(InstallationEventType.INSTALLED);
        // another instance whose allow-list no longer holds the address: the check at delivery refuses it
        HubHarness.Hub strict = harness.startHub(Map.of("accesshub.relay.enabled", "false",
            "accesshub.relay.allowed-hosts", ""));
        dispatch(strict);
        DeliverRelayEventsUseCase delivery = strict.bean(DeliverRelayEventsUseCase.class);
        delivery.deliverBatch(SubscriptionId.parse(id), Instant.now());
        assertThat(receiver.received()).isEmpty();
        HubHarness.Response attempts = harness.get(hub.url("/api/v1/admin/subscriptions/" + id + "/attempts"),
            HubHarness.API_KEY);
        assertThat(attempts.body()).contains("\"error\":\"address_refused\"");
    }

    @Test
    void eventsRaisedDuringAPauseArriveInOrderOnResume() throws Exception {
        String id = (String) subscribe(receiver.url(), List.of("installation.installed",
            "installation.needs_reauth")).get("id");
        assertThat(harness.send("POST", hub.url("/api/v1/admin/subscriptions/" + id + "/pause"),
            HubHarness.API_KEY, null).json()).containsEntry("state", "PAUSED");
        InstallationId installation = publish(InstallationEventType.INSTALLED);
        publishFor(installation, InstallationEventType.ACTIVATED); // not subscribed
        publishFor(installation, InstallationEventType.NEEDS_REAUTH);
        relay(Instant.now());
        assertThat(receiver.received()).isEmpty();
        assertThat(harness.get(hub.url("/api/v1/admin/subscriptions/" + id), HubHarness.API_KEY).json())
            .containsEntry("pendingDeliveries", 2);

        assertThat(harness.send("POST", hub.url("/api/v1/admin/subscriptions/" + id + "/resume"),
            HubHarness.API_KEY, null).json()).containsEntry("state", "ACTIVE");
        relay(Instant.now());
        assertThat(receiver.accepted()).extracting(r -> bodyOf(r).get("type"))
            .containsExactly("installation.installed", "installation.needs_reauth");
    }

    @Test
    void aSubscriptionThatKeepsFailingIsPausedAndShownInHealth() throws Exception {
        harness.close();
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        hub = harness.startHub(Map.of("accesshub.relay.enabled", "false",
            "accesshub.relay.allowed-hosts", "127.0.0.1",
            "accesshub.relay.auto-pause.min-failures", "3",
            "accesshub.relay.auto-pause.after", "10m"));
        String id = (String) subscribe(receiver.url(), allTypes()).get("id");
        receiver.answerWith(500);
        publish(InstallationEventType.INSTALLED);
        Instant start = Instant.now();
        relay(start);
        relay(start.plus(Duration.ofMinutes(5)));
        assertThat(state(id)).as("failing 5 minutes is not enough").isEqualTo("ACTIVE");
        relay(start.plus(Duration.ofMinutes(11)));
        assertThat(state(id)).isEqualTo("AUTO_PAUSED");
        int attempts = receiver.received().size();
        relay(start.plus(Duration.ofMinutes(30)));
        assertThat(receiver.received()).as("a paused subscription gets nothing").hasSize(attempts);

        HubHarness.Response health = harness.get(hub.url("/health"), HubHarness.API_KEY);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).containsEntry("status", "UP");
        assertThat(health.body()).contains("\"relay\"").contains(id).contains("auto_paused");

        receiver.answerWith(200);
        harness.send("POST", hub.url("/api/v1/admin/subscriptions/" + id + "/resume"), HubHarness.API_KEY, null);
        relay(start.plus(Duration.ofMinutes(31)));
        assertThat(receiver.accepted()).hasSize(1);
        assertThat(harness.get(hub.url("/api/v1/admin/subscriptions/" + id), HubHarness.API_KEY).json())
            .containsEntry("consecutiveFailures", 0);
    }

    @Test
    void badSubscriptionsAreRefusedWithClearErrorsAndNothingStored() throws Exception {
        assertThat(create(receiver.url(), List.of()).json().get("detail").toString()).contains("eventTypes");
        assertThat(create(receiver.url(), List.of("installation.exploded")).json().get("detail").toString())
            .contains("installation.exploded").contains("installation.needs_reauth");
        assertThat(create("", List.of("installation.installed")).status()).isEqualTo(400);
        assertThat(harness.send("POST", hub.url("/api/v1/admin/subscriptions"), HubHarness.READ_ONLY_KEY,
            "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"installation.installed\"]}").status())
            .isEqualTo(403);
        assertThat(harness.count("SELECT COUNT(*) FROM relay_subscription")).isZero();
        assertThat(harness.get(hub.url("/api/v1/admin/subscriptions/not-a-uuid"), HubHarness.API_KEY).status())
            .isEqualTo(404);

        String id = (String) subscribe(receiver.url(), List.of("installation.installed")).get("id");
        publish(InstallationEventType.INSTALLED);
        assertThat(harness.send("DELETE", hub.url("/api/v1/admin/subscriptions/" + id), HubHarness.API_KEY, null)
            .status()).isEqualTo(204);
        assertThat(harness.count("SELECT COUNT(*) FROM relay_delivery")).isZero();
        assertThat(harness.send("DELETE", hub.url("/api/v1/admin/subscriptions/" + id), HubHarness.API_KEY, null)
            .status()).isEqualTo(404);
    }

    @Test
    void twoInstancesDeliveringTheSameSubscriptionAtOnceKeepEachInstallationsOrderAndSendEachEventOnce()
            throws Exception {
        subscribe(receiver.url(), allTypes());
        HubHarness.Hub second = harness.startHub(Map.of("accesshub.relay.enabled", "false",
            "accesshub.relay.allowed-hosts", "127.0.0.1"));
        List<InstallationId> installations = new ArrayList<>();
        List<InstallationEventType> types = List.of(InstallationEventType.INSTALLED, InstallationEventType.ACTIVATED,
            InstallationEventType.DEGRADED, InstallationEventType.RECOVERED, InstallationEventType.SUSPENDED);
        for (int i = 0; i < 12; i++) {
            installations.add(InstallationId.of(UUID.randomUUID()));
        }
        for (InstallationEventType type : types) {
            for (InstallationId installation : installations) {
                publishFor(installation, type);
            }
        }
        Instant now = Instant.now();

        java.util.concurrent.ExecutorService instances = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> pumps = new ArrayList<>();
            for (HubHarness.Hub instance : List.of(hub, second)) {
                pumps.add(instances.submit(() -> {
                    DeliverRelayEventsUseCase delivery = instance.bean(DeliverRelayEventsUseCase.class);
                    for (int round = 0; round < 200 && receiver.accepted().size() < 60; round++) {
                        for (SubscriptionId subscription : delivery.dueSubscriptions(now)) {
                            delivery.deliverBatch(subscription, now);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> pump : pumps) {
                pump.get();
            }
        } finally {
            instances.shutdownNow();
        }

        List<RelayReceiver.Received> got = receiver.accepted();
        assertThat(got).hasSize(60);
        assertThat(got).extracting(RelayReceiver.Received::id).doesNotHaveDuplicates();
        for (InstallationId installation : installations) {
            assertThat(got.stream().filter(r -> dataOf(r).get("installationId").equals(installation.toString()))
                .map(r -> bodyOf(r).get("type"))).as("order of " + installation).containsExactly(
                    "installation.installed", "installation.activated", "installation.degraded",
                    "installation.recovered", "installation.suspended");
        }
        assertThat(harness.count("SELECT COUNT(*) FROM relay_attempt")).as("one attempt per event").isEqualTo(60);
    }

    @Test
    void aBatchClaimedByAnInstanceThatDiedIsSentByAnotherOnceItsLeaseRanOut() throws Exception {
        String id = (String) subscribe(receiver.url(), allTypes()).get("id");
        InstallationId installation = publish(InstallationEventType.INSTALLED);
        publishFor(installation, InstallationEventType.ACTIVATED);
        // an instance claims the first event and dies before sending or recording anything
        assertThat(hub.bean(io.accesshub.application.port.out.RelayDeliveries.class).claimDue(
            SubscriptionId.parse(id), 8, "instance-that-died", Duration.ofMinutes(5), Instant.now())).hasSize(1);

        relay(Instant.now());
        assertThat(receiver.received()).as("leased: neither it nor the next event of its installation goes").isEmpty();

        harness.sql("UPDATE relay_delivery SET lease_until = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND)"
            + " WHERE lease_owner = 'instance-that-died'");
        relay(Instant.now());
        assertThat(receiver.accepted()).extracting(r -> bodyOf(r).get("type"))
            .containsExactly("installation.installed", "installation.activated");
    }

    private String state(String id) throws Exception {
        return (String) harness.get(hub.url("/api/v1/admin/subscriptions/" + id), HubHarness.API_KEY).json()
            .get("state");
    }

    private static void verify(RelayReceiver.Received request, String secret, Instant now)
            throws WebhookVerificationException {
        new WebhookVerifier(List.of(secret), Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC))
            .verify(request.id(), request.timestamp(), request.signature(), request.body());
    }

    private static List<String> allTypes() {
        return java.util.Arrays.stream(io.accesshub.domain.relay.RelayEventType.values())
            .map(io.accesshub.domain.relay.RelayEventType::wireName).toList();
    }

    private HubHarness.Response create(String url, List<String> types) throws Exception {
        return harness.send("POST", hub.url("/api/v1/admin/subscriptions"), HubHarness.API_KEY,
            JSON.writeValueAsString(Map.of("url", url, "eventTypes", types, "description", "test receiver")));
    }

    private Map<String, Object> subscribe(String url, List<String> types) throws Exception {
        HubHarness.Response created = create(url, types);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** Publishes one event of a new location installation of the hub's app; returns the installation id. */
    private InstallationId publish(InstallationEventType type) {
        InstallationId id = InstallationId.of(UUID.randomUUID());
        publishFor(id, type);
        return id;
    }

    private void publishFor(InstallationId id, InstallationEventType type) {
        MarketplaceAppId app = io.accesshub.domain.marketplace.ClientId.parse(harness.simulator.config().clientId())
            .appId();
        InstallationKey key = InstallationKey.forLocation(app, CompanyId.of("relay-company"),
            LocationId.of("relay-" + id.toString().substring(0, 8)));
        hub.bean(InstallationEventPublisher.class).publish(List.of(new InstallationEvent(type, id, key,
            InstallationStatus.ACTIVE, StateReason.GRANT_ISSUED, Instant.now())));
        dispatch(hub);
    }

    /** What the lifecycle scheduler does: the outbox into the relay (queued due at the hub's clock). */
    private void dispatch(HubHarness.Hub on) {
        DispatchLifecycleEventsUseCase dispatch = on.bean(DispatchLifecycleEventsUseCase.class);
        while (dispatch.dispatchBatch() > 0) {
            // drain the outbox into the relay
        }
    }

    /** What the delivery scheduler does: every due delivery sent, batch after batch, at the test's time. */
    private void relay(Instant now) {
        DeliverRelayEventsUseCase delivery = hub.bean(DeliverRelayEventsUseCase.class);
        for (SubscriptionId subscription : delivery.dueSubscriptions(now)) {
            while (delivery.deliverBatch(subscription, now) > 0) {
                // the next batch: later events of an installation become due once the earlier ones are done
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> bodyOf(RelayReceiver.Received request) {
        try {
            return JSON.readValue(request.body(), Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataOf(RelayReceiver.Received request) {
        return (Map<String, Object>) bodyOf(request).get("data");
    }

    private List<Map<String, Object>> outboxRows() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = TestDatabase.shared().openConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, event_type, installation_id, app_id, company_id,"
                 + " location_id, status, reason, plan_id FROM lifecycle_outbox ORDER BY id")) {
            while (rs.next()) {
                Map<String, Object> row = new java.util.HashMap<>();
                for (String column : Set.of("event_type", "installation_id", "app_id", "company_id", "location_id",
                        "status", "reason", "plan_id")) {
                    row.put(column, rs.getString(column));
                }
                row.put("id", rs.getLong("id"));
                rows.add(row);
            }
        }
        return rows;
    }
}
