package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.port.in.DispatchLifecycleEventsUseCase;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.bootstrap.e2e.RecordingExtensions.RecordingContactHandler;
import io.accesshub.bootstrap.e2e.RecordingExtensions.RecordingLifecycleListener;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Other teams' beans: lifecycle listeners fed from the outbox, handlers for any webhook type. */
class ExtensionPortsTest {

    private static final String APP = "65f0c0ffee0123456789abcd";

    private HubHarness harness;
    private HubHarness.Hub hub;

    @BeforeEach
    void start() {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3));
        hub = harness.startHub(Map.of("e2e.extensions", "true"));
        harness.simulator.setWebhookUrl(hub.url("/webhooks/ghl"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void dispatchAll() {
        DispatchLifecycleEventsUseCase dispatch = hub.bean(DispatchLifecycleEventsUseCase.class);
        while (dispatch.dispatchBatch() > 0) {
            // drain
        }
    }

    private int deliver(String json) throws Exception {
        return harness.deliverSigned(hub, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String contactCreate(String webhookId, String location, String contact) {
        return "{\"type\":\"ContactCreate\",\"appId\":\"" + APP + "\",\"locationId\":\"" + location
            + "\",\"id\":\"" + contact + "\",\"email\":\"" + contact + "@example.com\",\"webhookId\":\""
            + webhookId + "\"}";
    }

    @Test
    void listenersReceiveTheCommittedLifecycleOfAnInstallAndAnUninstallOnce() throws Exception {
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of());
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        harness.processWebhooks(hub);
        harness.simulator.uninstall(harness.simulator.config().companyId(), "sim-loc-0001");
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        harness.processWebhooks(hub);
        RecordingLifecycleListener listener = hub.bean(RecordingLifecycleListener.class);
        assertThat(listener.events).as("nothing is delivered before the dispatcher runs").isEmpty();

        dispatchAll();
        dispatchAll();

        List<InstallationEvent> forLocation = listener.events.stream()
            .filter(e -> e.key().locationId().equals(Optional.of(LocationId.of("sim-loc-0001")))).toList();
        assertThat(forLocation).extracting(InstallationEvent::type).containsExactly(InstallationEventType.INSTALLED,
            InstallationEventType.ACTIVATED, InstallationEventType.UNINSTALLED);
        assertThat(forLocation.get(1).reason()).isEqualTo(StateReason.GRANT_ISSUED);
        assertThat(harness.count("SELECT COUNT(*) FROM lifecycle_outbox WHERE delivered = FALSE")).isZero();
    }

    @Test
    void aMintedLocationIsAnnouncedAsActivatedByMinting() throws Exception {
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.AGENCY, null, List.of("sim-loc-0002"));
        harness.drainProvisioning(hub);

        dispatchAll();

        assertThat(hub.bean(RecordingLifecycleListener.class).events)
            .filteredOn(e -> e.key().locationId().equals(Optional.of(LocationId.of("sim-loc-0002"))))
            .extracting(InstallationEvent::reason).contains(StateReason.GRANT_MINTED);
    }

    @Test
    void aHandlerGetsEachVerifiedEventOnceWithItsInstallationAndAFailureIsRetried() throws Exception {
        harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION, "sim-loc-0001", List.of());
        assertThat(harness.simulator.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        harness.processWebhooks(hub);
        assertThat(deliver(contactCreate("wh-contact-1", "sim-loc-0001", "contact-1"))).isEqualTo(200);
        assertThat(deliver(contactCreate("wh-contact-1", "sim-loc-0001", "contact-1"))).as("duplicate").isEqualTo(200);
        assertThat(deliver(contactCreate("wh-contact-2", "sim-loc-0404", "contact-2"))).isEqualTo(200);
        harness.processWebhooks(hub);

        RecordingContactHandler handler = hub.bean(RecordingContactHandler.class);
        assertThat(handler.received).hasSize(2);
        RecordingContactHandler.Received first = handler.received.get(0);
        assertThat(first.event().webhookId()).isEqualTo("wh-contact-1");
        assertThat(first.event().body()).contains("contact-1@example.com");
        assertThat(first.installation()).hasValueSatisfying(i ->
            assertThat(i.key().locationId()).contains(LocationId.of("sim-loc-0001")));
        assertThat(handler.received.get(1).installation()).as("no installation for an unknown location").isEmpty();

        assertThat(deliver(contactCreate("wh-contact-3", "sim-loc-0001", "fail-once"))).isEqualTo(200);
        harness.processWebhooks(hub);
        assertThat(handler.received).hasSize(2);
        assertThat(hub.bean(WebhookInbox.class).countByStatus("PENDING")).as("kept for a retry").isEqualTo(1);

        harness.sql("UPDATE webhook_inbox SET next_attempt_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND)");
        harness.processWebhooks(hub);
        assertThat(handler.received).hasSize(3);
        assertThat(hub.bean(WebhookInbox.class).countByStatus("PENDING")).isZero();
        assertThat(hub.bean(WebhookInbox.class).countByStatus("DEAD")).isZero();
    }
}
