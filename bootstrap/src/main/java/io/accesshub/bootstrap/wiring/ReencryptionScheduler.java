package io.accesshub.bootstrap.wiring;

import io.accesshub.adapter.persistence.grant.GrantReencryption;
import io.accesshub.adapter.persistence.relay.RelaySecretReencryption;
import io.accesshub.adapter.persistence.webhook.WebhookBodyReencryption;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves token ciphertexts, stored webhook bodies and relay subscription signing secrets onto the keyset's primary key
 * in the background after a key rotation (and encrypts webhook bodies stored in plaintext by older versions), a batch
 * per interval; once every {@code remaining()} is zero the old key can be removed from the keyset.
 */
@Singleton
@Requires(property = "accesshub.token-encryption.reencryption.enabled", notEquals = "false")
public class ReencryptionScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ReencryptionScheduler.class);

    private final GrantReencryption reencryption;
    private final WebhookBodyReencryption webhookBodies;
    private final RelaySecretReencryption relaySecrets;
    private final int batchSize;

    public ReencryptionScheduler(GrantReencryption reencryption, WebhookBodyReencryption webhookBodies,
                                 RelaySecretReencryption relaySecrets,
                                 @io.micronaut.context.annotation.Value(
                                     "${accesshub.token-encryption.reencryption.batch-size:200}") int batchSize) {
        this.reencryption = reencryption;
        this.webhookBodies = webhookBodies;
        this.relaySecrets = relaySecrets;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelay = "${accesshub.token-encryption.reencryption.interval:60s}", initialDelay = "30s")
    void reencrypt() {
        // each kind on its own: one that fails does not keep the others from moving
        pass("grants", () -> reencryption.reencryptBatch(batchSize), reencryption::remaining);
        pass("stored webhook bodies", () -> webhookBodies.reencryptBatch(batchSize), webhookBodies::remaining);
        pass("relay subscription secrets", () -> relaySecrets.reencryptBatch(batchSize), relaySecrets::remaining);
    }

    private static void pass(String what, java.util.function.IntSupplier batch,
                             java.util.function.LongSupplier remaining) {
        try {
            int moved = batch.getAsInt();
            if (moved > 0) {
                LOG.info("Re-encrypted {} {} onto the primary key; {} remain", moved, what, remaining.getAsLong());
            }
        } catch (RuntimeException e) {
            LOG.error("Re-encryption of {} failed; it runs again at the next interval", what, e);
        }
    }
}
