package io.accesshub.application.port.out;

import io.accesshub.domain.relay.SubscriptionId;

/** Makes relay subscription ids and their signing secrets from a secure random source. */
public interface RelayIdentities {

    /** A fresh subscription id. */
    SubscriptionId newSubscriptionId();

    /** A new signing secret: {@code whsec_} and the base64 of 32 random bytes. */
    String newSigningSecret();
}
