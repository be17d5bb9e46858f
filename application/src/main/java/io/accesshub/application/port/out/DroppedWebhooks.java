package io.accesshub.application.port.out;

/**
 * Counts verified webhooks the hub drops without storing them: events naming an app this hub does not run (HighLevel
 * signs every developer's events with one key, so such events are genuine but none of our business).
 */
public interface DroppedWebhooks {

    /** One event for an app that is not configured was dropped. */
    void countUnknownApp();

    /** How many events for unknown apps this instance dropped since it started. */
    long unknownApp();
}
