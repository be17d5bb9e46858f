package io.accesshub.adapter.persistence.grant;

import static io.accesshub.application.testdata.GrantMother.aLocationGrant;
import static io.accesshub.application.testdata.InstallationMother.anInstallation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.crypto.TinkTokenCipher;
import io.accesshub.adapter.persistence.crypto.TokenCipherFactory;
import io.accesshub.adapter.persistence.crypto.TokenDecryptionException;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.domain.grant.Grant;
import io.accesshub.domain.installation.Installation;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrantReencryptionTest {

    @BeforeEach
    void emptyTables() {
        TestDatabase.shared().truncateTables();
    }

    @Test
    void rotationReencryptsEveryGrantAndTheOldKeyCanThenBeRemoved() {
        String oldKeyset = TinkKeysets.generate();
        long oldKey = TinkTokenCipher.fromJsonKeyset(oldKeyset).primaryKeyId();
        List<Grant> stored = new ArrayList<>();
        try (ApplicationContext context = start(oldKeyset)) {
            for (int i = 0; i < 5; i++) {
                Installation installation = context.getBean(InstallationRepository.class)
                        .add(anInstallation().build());
                stored.add(context.getBean(GrantRepository.class)
                        .add(aLocationGrant().forInstallation(installation.id()).build()));
            }
        }

        String rotated = TinkKeysets.withNewPrimary(oldKeyset);
        try (ApplicationContext context = start(rotated)) {
            GrantReencryption reencryption = context.getBean(GrantReencryption.class);
            assertThat(reencryption.remaining()).isEqualTo(5);
            assertThat(reencryption.reencryptBatch(3)).isEqualTo(3);
            assertThat(reencryption.reencryptBatch(3)).isEqualTo(2);
            assertThat(reencryption.remaining()).isZero();
        }

        try (ApplicationContext context = start(TinkKeysets.without(rotated, oldKey))) {
            GrantRepository grants = context.getBean(GrantRepository.class);
            for (Grant grant : stored) {
                assertThat(grants.findByInstallationId(grant.installationId())).contains(grant);
            }
        }
        try (ApplicationContext context = start(oldKeyset)) {
            assertThatThrownBy(() -> context.getBean(GrantRepository.class)
                    .findByInstallationId(stored.get(0).installationId()))
                    .isInstanceOf(TokenDecryptionException.class);
        }
    }

    private static ApplicationContext start(String keyset) {
        Map<String, Object> properties = TestDatabase.shared().properties();
        properties.put(TokenCipherFactory.KEYSET, keyset);
        return ApplicationContext.run(properties);
    }
}
