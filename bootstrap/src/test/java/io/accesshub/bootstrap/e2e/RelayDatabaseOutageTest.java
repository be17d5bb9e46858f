package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accesshub.application.port.in.DeliverRelayEventsUseCase;
import io.accesshub.application.port.in.DispatchLifecycleEventsUseCase;
import io.accesshub.application.port.out.InstallationEventPublisher;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.ClientId;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our own database dies between a relay send and its record: the subscriber took the event, the hub could not note
 * it. Nothing is lost and order holds: once the database is back and the dead attempt's lease ran out, the same
 * event goes again with the same {@code webhook-id} (at least once; subscribers drop the repeat), then the next one.
 */
class RelayDatabaseOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoppableDatabase database;
    private HubHarness harness;
    private RelayReceiver receiver;

    @AfterEach
    void stop() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        if (harness != null) {
            harness.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void anEventSentJustBeforeOurDatabaseDiedIsSentAgainWithItsIdAndTheNextFollows() throws Exception {
        database = new StoppableDatabase();
        harness = new HubHarness(SimulatorConfig.builder().locationCount(1));
        receiver = new RelayReceiver();
        Map<String, Object> properties = database.hubProperties();
        properties.put("accesshub.relay.enabled", "false");
        properties.put("accesshub.relay.allowed-hosts", "127.0.0.1");
        properties.put("accesshub.relay.read-timeout", "60s"); // the receiver stops the database before it answers
        properties.put("accesshub.relay.lease", "90s");
        HubHarness.Hub hub = harness.startHub(properties);
        HubHarness.Response created = harness.send("POST", hub.url("/api/v1/admin/subscriptions"),
            HubHarness.API_KEY, JSON.writeValueAsString(Map.of("url", receiver.url(), "eventTypes",
                List.of("installation.installed", "installation.activated"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        SubscriptionId subscription = SubscriptionId.parse((String) created.json().get("id"));

        InstallationId installation = InstallationId.of(UUID.randomUUID());
        InstallationKey key = InstallationKey.forLocation(ClientId.parse(harness.simulator.config().clientId())
            .appId(), CompanyId.of("outage-company"), LocationId.of("outage-location"));
        hub.bean(InstallationEventPublisher.class).publish(List.of(
            new InstallationEvent(InstallationEventType.INSTALLED, installation, key, InstallationStatus.PENDING,
                StateReason.AWAITING_GRANT, Instant.now()),
            new InstallationEvent(InstallationEventType.ACTIVATED, installation, key, InstallationStatus.ACTIVE,
                StateReason.GRANT_ISSUED, Instant.now())));
        DispatchLifecycleEventsUseCase dispatch = hub.bean(DispatchLifecycleEventsUseCase.class);
        while (dispatch.dispatchBatch() > 0) {
            // into the relay
        }
        DeliverRelayEventsUseCase delivery = hub.bean(DeliverRelayEventsUseCase.class);

        receiver.beforeNextAnswer(database::stop);
        assertThatThrownBy(() -> delivery.deliverBatch(subscription, Instant.now()))
            .as("the attempt cannot be recorded").isInstanceOf(RuntimeException.class);
        assertThat(receiver.accepted()).hasSize(1);

        database.start();
        // the dead attempt's lease runs out (what its 30 s would do)
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE relay_delivery SET lease_until = DATE_SUB(UTC_TIMESTAMP(6),"
                + " INTERVAL 1 SECOND) WHERE lease_until IS NOT NULL");
        }
        for (int round = 0; round < 5 && receiver.accepted().size() < 3; round++) {
            delivery.deliverBatch(subscription, Instant.now());
        }

        List<RelayReceiver.Received> got = receiver.accepted();
        assertThat(got).extracting(r -> type(r)).containsExactly("installation.installed",
            "installation.installed", "installation.activated");
        assertThat(got.get(1).id()).as("the repeat carries the same webhook-id").isEqualTo(got.get(0).id());
        assertThat(got.get(2).id()).isNotEqualTo(got.get(0).id());
        HubHarness.Response pending = harness.get(hub.url("/api/v1/admin/subscriptions/" + subscription),
            HubHarness.API_KEY);
        assertThat(pending.json()).containsEntry("pendingDeliveries", 0);
    }

    private static Object type(RelayReceiver.Received request) {
        try {
            return JSON.readValue(request.body(), Map.class).get("type");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
