package io.accesshub.webhooks;

/** A delivery that must not be trusted: missing headers, a timestamp outside the tolerance, or no valid signature. */
public final class WebhookVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    WebhookVerificationException(String message) {
        super(message);
    }
}
