package io.accesshub.domain.relay;

import io.accesshub.domain.installation.InstallationEvent;
import java.util.Objects;

/**
 * One lifecycle event as subscribers receive it: its Standard Webhooks id ({@code msg_} and the outbox position, the
 * same for every subscriber and every retry), its type, and the installation it concerns with a {@code sequence}
 * that grows with every event of that installation. It never holds a token.
 *
 * @param sequence the event's position in the lifecycle outbox: increasing per installation (and overall), with gaps
 */
public record RelayMessage(long sequence, RelayEventType type, InstallationEvent event) {

    public RelayMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(event, "event");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
    }

    /** The message for the outbox event at {@code sequence}. */
    public static RelayMessage of(long sequence, InstallationEvent event) {
        return new RelayMessage(sequence, RelayEventType.of(event.type()), event);
    }

    /** The {@code webhook-id}: stable across retries and replays, so subscribers can drop duplicates. */
    public String webhookId() {
        return webhookId(sequence);
    }

    /** The {@code webhook-id} of the outbox event at {@code sequence}. */
    public static String webhookId(long sequence) {
        return "msg_" + sequence;
    }
}
