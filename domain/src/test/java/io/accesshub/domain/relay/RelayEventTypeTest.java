package io.accesshub.domain.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.installation.InstallationEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RelayEventTypeTest {

    @ParameterizedTest
    @EnumSource(InstallationEventType.class)
    void everyLifecycleEventHasARelayNameThatReadsBack(InstallationEventType lifecycle) {
        RelayEventType type = RelayEventType.of(lifecycle);

        assertThat(type.wireName()).startsWith("installation.").isEqualTo("installation."
            + lifecycle.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(RelayEventType.fromWireName(type.wireName())).contains(type);
    }

    @Test
    void theDocumentedNamesAreTheOnesSubscribersUse() {
        assertThat(RelayEventType.NEEDS_REAUTH.wireName()).isEqualTo("installation.needs_reauth");
        assertThat(RelayEventType.fromWireName("installation.Installed")).isEmpty();
        assertThat(RelayEventType.fromWireName("installed")).isEmpty();
        assertThat(RelayEventType.fromWireName(null)).isEmpty();
    }
}
