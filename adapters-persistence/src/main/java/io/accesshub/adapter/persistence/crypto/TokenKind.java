package io.accesshub.adapter.persistence.crypto;

/** Which secret a ciphertext holds (a grant's access or refresh token, a webhook body, a relay secret); part of the associated data. */
public enum TokenKind {
    ACCESS,
    REFRESH,
    /** The body of a stored webhook (customer data), bound to its webhookId. */
    WEBHOOK_BODY,
    /** A relay subscription's signing secret, bound to its subscription id. */
    RELAY_SECRET
}
