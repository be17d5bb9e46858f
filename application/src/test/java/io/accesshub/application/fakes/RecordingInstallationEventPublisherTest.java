package io.accesshub.application.fakes;

import io.accesshub.application.testdata.TestIds;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.installation.CompanyInstallDetails;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingInstallationEventPublisherTest {

    private final RecordingInstallationEventPublisher events = new RecordingInstallationEventPublisher();
    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner(events);

    private final Installation created = Installation.create(TestIds.installationId(),
            InstallationKey.forCompany(TestIds.appId(), TestIds.companyId()), CompanyInstallDetails.none(),
            TestTimes.NOW);

    @Test
    void eventsPublishedInACommittedTransactionAreKept() {
        transactions.runInTransaction(() -> events.publish(created.recordedEvents()));

        assertThat(events.published()).containsExactlyElementsOf(created.recordedEvents());
        assertThat(transactions.committedCount()).isEqualTo(1);
    }

    @Test
    void eventsPublishedInARolledBackTransactionAreForgotten() {
        assertThatThrownBy(() -> transactions.runInTransaction(() -> {
            events.publish(created.recordedEvents());
            throw new IllegalStateException("save failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(events.published()).isEmpty();
        assertThat(transactions.rolledBackCount()).isEqualTo(1);
    }
}
