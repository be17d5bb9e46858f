package io.accesshub.application.service;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.aLocationInstallation;
import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.fakes.InMemoryGrantRepository;
import io.accesshub.application.fakes.InMemoryInstallationRepository;
import io.accesshub.application.fakes.InMemoryTransactionRunner;
import io.accesshub.application.fakes.RecordingInstallationEventPublisher;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationEventType;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;
import org.junit.jupiter.api.Test;

/** One place stores a decided lifecycle change: the grant goes with an uninstall, and only with it. */
class InstallationTransitionsTest {

    private final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();
    private final InMemoryGrantRepository grants = new InMemoryGrantRepository();
    private final RecordingInstallationEventPublisher events = new RecordingInstallationEventPublisher();
    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner(installations, grants, events);
    private final InstallationTransitions transitions = new InstallationTransitions(installations, grants, events,
        transactions);

    private Installation installedWithGrant() {
        Installation location = installations.add(aLocationInstallation().build());
        grants.add(aLocationGrant().forInstallation(location.id()).build());
        return location;
    }

    @Test
    void anUninstallRecordedByACallerErasesTheGrantStoresTheStateAndPublishesItsEvent() {
        Installation current = installedWithGrant();
        Installation changed = current.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, TestTimes.NOW, TestTimes.NOW);

        Installation stored = transactions.inTransaction(() -> transitions.record(current, changed));

        assertThat(stored.status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(installations.findById(current.id()).orElseThrow().status()).isEqualTo(InstallationStatus.UNINSTALLED);
        assertThat(grants.findByInstallationId(current.id())).isEmpty();
        assertThat(events.published()).extracting(e -> e.type()).containsExactly(InstallationEventType.UNINSTALLED);
    }

    @Test
    void aChangeThatKeepsTheInstallationInstalledKeepsItsGrant() {
        Installation current = installedWithGrant();
        Installation changed = current.markNeedsReauth(StateReason.REFRESH_TOKEN_REJECTED, TestTimes.NOW);

        transitions.record(current, changed);

        assertThat(installations.findById(current.id()).orElseThrow().status())
            .isEqualTo(InstallationStatus.NEEDS_REAUTH);
        assertThat(grants.findByInstallationId(current.id())).isPresent();
    }

    @Test
    void noChangeWritesNothing() {
        Installation current = installedWithGrant();

        Installation stored = transitions.record(current, current);

        assertThat(stored).isSameAs(current);
        assertThat(events.published()).isEmpty();
        assertThat(grants.findByInstallationId(current.id())).isPresent();
    }

    @Test
    void applyingAnUninstallThroughTheTransitionsErasesTheGrantToo() {
        Installation current = installedWithGrant();

        boolean changed = transitions.apply(current.id(),
            stored -> stored.uninstall(StateReason.UNINSTALLED_IN_MARKETPLACE, TestTimes.NOW, TestTimes.NOW));

        assertThat(changed).isTrue();
        assertThat(grants.findByInstallationId(current.id())).isEmpty();
    }
}
