package io.accesshub.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.application.fakes.InMemoryRelayDeliveries;
import io.accesshub.application.fakes.InMemoryRelaySubscriptions;
import io.accesshub.application.fakes.RecordingHubMetrics;
import io.accesshub.application.fakes.RecordingOperatorAlerts;
import io.accesshub.application.port.in.ManageRelaySubscriptionsUseCase;
import io.accesshub.application.port.in.ManageRelaySubscriptionsUseCase.CreateOutcome;
import io.accesshub.application.port.out.LifecycleOutbox.OutboxEntry;
import io.accesshub.application.port.out.RelayIdentities;
import io.accesshub.application.port.out.RelayTransport;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.relay.AttemptResult;
import io.accesshub.domain.relay.AutoPause;
import io.accesshub.domain.relay.DeliveryBackoff;
import io.accesshub.domain.relay.DeliveryState;
import io.accesshub.domain.relay.RelayDestination;
import io.accesshub.domain.relay.RelayEventType;
import io.accesshub.domain.relay.RelayFilter;
import io.accesshub.domain.relay.RelaySubscription;
import io.accesshub.domain.relay.SubscriptionId;
import io.accesshub.domain.relay.SubscriptionState;
import io.accesshub.webhooks.StandardWebhooks;
import io.accesshub.webhooks.WebhookVerificationException;
import io.accesshub.webhooks.WebhookVerifier;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The relay's services on the in-memory stores: fan-out by filter, the address check at delivery (DNS rebinding),
 * Standard Webhooks signatures with rotated secrets, and the automatic pause.
 */
class RelayServicesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final String URL = "https://hooks.example.com/accesshub";

    /** A transport whose DNS answers the test sets, recording every send and answering {@link #answer}. */
    private static final class ScriptedTransport implements RelayTransport {
        final Map<String, List<InetAddress>> dns = new ConcurrentHashMap<>();
        final List<Map<String, String>> sentHeaders = new ArrayList<>();
        final List<byte[]> sentBodies = new ArrayList<>();
        volatile int answer = 200;

        @Override
        public List<InetAddress> resolve(String host) {
            return dns.getOrDefault(host, List.of());
        }

        @Override
        public synchronized AttemptResult send(String url, Map<String, String> headers, byte[] body) {
            sentHeaders.add(headers);
            sentBodies.add(body);
            return AttemptResult.answered(answer, Duration.ofMillis(4));
        }
    }

    private final InMemoryRelaySubscriptions subscriptions = new InMemoryRelaySubscriptions();
    private final InMemoryRelayDeliveries deliveries = new InMemoryRelayDeliveries(subscriptions);
    private final ScriptedTransport transport = new ScriptedTransport();
    private final RecordingOperatorAlerts alerts = new RecordingOperatorAlerts();
    private final SecureRandom random = new SecureRandom();
    private final RelayIdentities identities = new RelayIdentities() {
        @Override
        public SubscriptionId newSubscriptionId() {
            return SubscriptionId.of(UUID.randomUUID());
        }

        @Override
        public String newSigningSecret() {
            return StandardWebhooks.newSecret(random);
        }
    };
    private final RelayDestination destination = new RelayDestination(Set.of());
    private final RelaySubscriptionService admin = new RelaySubscriptionService(subscriptions, deliveries, transport,
        identities, destination, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    private final RelayFanOut fanOut = new RelayFanOut(subscriptions, deliveries,
        message -> "{\"sequence\":" + message.sequence() + "}", Clock.fixed(NOW, ZoneOffset.UTC));
    private final RelayDeliveryService delivery = new RelayDeliveryService(subscriptions, deliveries, transport,
        destination, new RelayDeliveryService.Settings(8, Duration.ofSeconds(30), DeliveryBackoff.DEFAULT,
            new AutoPause(2, Duration.ofMinutes(10)), Duration.ofDays(7)),
        Runnable::run, () -> 1.0, alerts, new RecordingHubMetrics(), "instance-a");

    RelayServicesTest() throws UnknownHostException {
        transport.dns.put("hooks.example.com", List.of(InetAddress.getByName("203.0.113.10")));
    }

    private static InstallationEvent event(InstallationEventType type, InstallationId id, MarketplaceAppId app,
                                           CompanyId company) {
        return new InstallationEvent(type, id, InstallationKey.forCompany(app, company), InstallationStatus.ACTIVE,
            StateReason.GRANT_ISSUED, NOW);
    }

    private SubscriptionId subscribe(RelayFilter filter) {
        CreateOutcome outcome = admin.create(URL, filter, "");
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        return ((CreateOutcome.Created) outcome).subscription().id();
    }

    private static RelayFilter types(RelayEventType... types) {
        return new RelayFilter(Set.of(types), Set.of(), Set.of());
    }

    @Test
    void eachEventIsQueuedOnceForTheSubscriptionsItsFilterSelectsPausedOnesIncluded() {
        MarketplaceAppId app = TestIds.appId();
        CompanyId company = TestIds.companyId();
        SubscriptionId everything = subscribe(types(RelayEventType.values()));
        SubscriptionId reauthOnly = subscribe(types(RelayEventType.NEEDS_REAUTH));
        SubscriptionId otherCompany = subscribe(new RelayFilter(Set.of(RelayEventType.INSTALLED), Set.of(),
            Set.of(CompanyId.of("someone-else"))));
        SubscriptionId thisApp = subscribe(new RelayFilter(Set.of(RelayEventType.INSTALLED), Set.of(app), Set.of()));
        admin.pause(everything);
        InstallationId id = TestIds.installationId();
        List<OutboxEntry> entries = List.of(new OutboxEntry(5, event(InstallationEventType.INSTALLED, id, app,
            company), 1), new OutboxEntry(6, event(InstallationEventType.NEEDS_REAUTH, id, app, company), 1));

        fanOut.enqueue(entries);
        fanOut.enqueue(entries); // handed over again after a lost acknowledgement

        assertThat(deliveries.pendingCount(everything)).isEqualTo(2);
        assertThat(deliveries.pendingCount(reauthOnly)).isEqualTo(1);
        assertThat(deliveries.pendingCount(otherCompany)).isZero();
        assertThat(deliveries.pendingCount(thisApp)).isEqualTo(1);
        assertThat(deliveries.deliveries(thisApp, java.util.Optional.empty(), 10, java.util.Optional.empty()))
            .singleElement().satisfies(d -> {
                assertThat(d.webhookId()).isEqualTo("msg_5");
                assertThat(d.body()).isEqualTo("{\"sequence\":5}");
            });
    }

    @Test
    void aHostThatResolvesToAnInternalAddressAtDeliveryGetsNothingUntilItResolvesOutsideAgain() throws Exception {
        SubscriptionId id = subscribe(types(RelayEventType.INSTALLED));
        fanOut.enqueue(List.of(new OutboxEntry(1, event(InstallationEventType.INSTALLED, TestIds.installationId(),
            TestIds.appId(), TestIds.companyId()), 1)));
        transport.dns.put("hooks.example.com", List.of(InetAddress.getByName("10.0.0.5"))); // rebound

        assertThat(delivery.deliverBatch(id, NOW)).isEqualTo(1);
        assertThat(transport.sentBodies).isEmpty();
        assertThat(deliveries.attempts(id, 10, java.util.Optional.empty())).singleElement()
            .satisfies(a -> assertThat(a.result().error()).contains(RelayDeliveryService.ADDRESS_REFUSED));

        transport.dns.put("hooks.example.com", List.of(InetAddress.getByName("203.0.113.10")));
        assertThat(delivery.deliverBatch(id, NOW.plusSeconds(5))).as("not due before its backoff").isZero();
        assertThat(delivery.deliverBatch(id, NOW.plusSeconds(10))).isEqualTo(1);
        assertThat(transport.sentBodies).hasSize(1);
        assertThat(deliveries.deliveries(id, java.util.Optional.of(DeliveryState.DELIVERED), 10,
            java.util.Optional.empty())).hasSize(1);
    }

    @Test
    void subscriptionsToInternalOrUnresolvableHostsAreRefusedAndNothingIsStored() throws Exception {
        transport.dns.put("intranet.example.com", List.of(InetAddress.getByName("192.168.1.20")));
        assertThat(admin.create("https://intranet.example.com/hook", types(RelayEventType.INSTALLED), ""))
            .isEqualTo(new CreateOutcome.Refused(RelayDestination.Refusal.INTERNAL_ADDRESS));
        assertThat(admin.create("https://nowhere.example.com/hook", types(RelayEventType.INSTALLED), ""))
            .isEqualTo(new CreateOutcome.Refused(RelayDestination.Refusal.UNRESOLVED));
        assertThat(admin.create("http://hooks.example.com/hook", types(RelayEventType.INSTALLED), ""))
            .isEqualTo(new CreateOutcome.Refused(RelayDestination.Refusal.NOT_HTTPS));
        assertThat(subscriptions.all()).isEmpty();
    }

    @Test
    void everyAttemptIsSignedWithEverySecretValidAtItsTime() throws Exception {
        CreateOutcome.Created created = (CreateOutcome.Created) admin.create(URL, types(RelayEventType.INSTALLED), "");
        SubscriptionId id = created.subscription().id();
        String rotated = ((ManageRelaySubscriptionsUseCase.RotateOutcome.Rotated) admin.rotateSecret(id, false))
            .secret();
        assertThat(admin.rotateSecret(id, false)).as("a second rotation inside the overlap would drop the old secret")
            .isInstanceOf(ManageRelaySubscriptionsUseCase.RotateOutcome.OverlapRunning.class);
        assertThat(admin.rotateSecret(SubscriptionId.of(UUID.randomUUID()), true))
            .isInstanceOf(ManageRelaySubscriptionsUseCase.RotateOutcome.NotFound.class);
        fanOut.enqueue(List.of(new OutboxEntry(3, event(InstallationEventType.INSTALLED, TestIds.installationId(),
            TestIds.appId(), TestIds.companyId()), 1)));

        delivery.deliverBatch(id, NOW.plusSeconds(60));

        Map<String, String> headers = transport.sentHeaders.get(0);
        byte[] body = transport.sentBodies.get(0);
        assertThat(headers).containsEntry("webhook-id", "msg_3")
            .containsEntry("webhook-timestamp", Long.toString(NOW.plusSeconds(60).getEpochSecond()));
        Clock then = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);
        for (String secret : List.of(created.secret(), rotated)) {
            new WebhookVerifier(List.of(secret), Duration.ofMinutes(5), then).verify(headers.get("webhook-id"),
                headers.get("webhook-timestamp"), headers.get("webhook-signature"), body);
        }
        assertThatThrownBy(() -> new WebhookVerifier(List.of(StandardWebhooks.newSecret(random)),
            Duration.ofMinutes(5), then).verify(headers.get("webhook-id"), headers.get("webhook-timestamp"),
            headers.get("webhook-signature"), body)).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aSubscriptionFailingLongEnoughIsPausedOnceWithAnAlertAndASuccessEndsTheStreak() {
        SubscriptionId id = subscribe(types(RelayEventType.INSTALLED, RelayEventType.ACTIVATED));
        InstallationId installation = TestIds.installationId();
        fanOut.enqueue(List.of(new OutboxEntry(1, event(InstallationEventType.INSTALLED, installation,
            TestIds.appId(), TestIds.companyId()), 1)));
        transport.answer = 500;

        delivery.deliverBatch(id, NOW);
        delivery.deliverBatch(id, NOW.plusSeconds(10));
        assertThat(subscriptions.find(id).orElseThrow().state()).as("2 failures in 10 s").isEqualTo(
            SubscriptionState.ACTIVE);
        assertThat(subscriptions.find(id).orElseThrow().failures().failures()).isEqualTo(2);

        transport.answer = 200;
        delivery.deliverBatch(id, NOW.plusSeconds(30));
        RelaySubscription healthy = subscriptions.find(id).orElseThrow();
        assertThat(healthy.failures().failures()).isZero();

        fanOut.enqueue(List.of(new OutboxEntry(2, event(InstallationEventType.ACTIVATED, installation,
            TestIds.appId(), TestIds.companyId()), 1)));
        transport.answer = 502;
        delivery.deliverBatch(id, NOW.plus(Duration.ofMinutes(1)));
        delivery.deliverBatch(id, NOW.plus(Duration.ofMinutes(12)));
        assertThat(subscriptions.find(id).orElseThrow().state()).isEqualTo(SubscriptionState.AUTO_PAUSED);
        assertThat(alerts.alerts()).containsExactly("paused " + id);
        assertThat(delivery.dueSubscriptions(NOW.plus(Duration.ofHours(2)))).doesNotContain(id);
        assertThat(delivery.deliverBatch(id, NOW.plus(Duration.ofHours(2)))).as("paused: nothing claimed").isZero();

        transport.answer = 200;
        int sent = transport.sentBodies.size();
        admin.resume(id); // at NOW (the admin's clock): the waiting event is due at once again
        assertThat(delivery.deliverBatch(id, NOW.plus(Duration.ofMinutes(13)))).isEqualTo(1);
        assertThat(transport.sentBodies).hasSize(sent + 1);
    }
}
