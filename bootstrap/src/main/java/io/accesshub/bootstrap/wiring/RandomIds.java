package io.accesshub.bootstrap.wiring;

import io.accesshub.application.port.out.ApiKeyGenerator;
import io.accesshub.application.port.out.IdGenerator;
import io.accesshub.application.port.out.SecretGenerator;
import io.accesshub.domain.installation.InstallationId;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Random identities and OAuth states from the JVM's {@link SecureRandom}; the core only sees the ports. */
final class RandomIds implements IdGenerator, SecretGenerator, ApiKeyGenerator,
    io.accesshub.application.port.out.RelayIdentities {

    private final SecureRandom random = new SecureRandom();

    @Override
    public InstallationId newInstallationId() {
        return InstallationId.of(UUID.randomUUID());
    }

    @Override
    public String newState() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String newKey() {
        return newState();
    }

    @Override
    public io.accesshub.domain.relay.SubscriptionId newSubscriptionId() {
        return io.accesshub.domain.relay.SubscriptionId.of(UUID.randomUUID());
    }

    @Override
    public String newSigningSecret() {
        return io.accesshub.webhooks.StandardWebhooks.newSecret(random);
    }
}
