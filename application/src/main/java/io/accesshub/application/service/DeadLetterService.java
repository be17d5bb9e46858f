package io.accesshub.application.service;

import io.accesshub.application.port.in.ManageDeadLettersUseCase;
import io.accesshub.application.port.out.WebhookInbox;
import java.util.List;
import java.util.Objects;

/** Lists and replays dead-lettered webhooks. */
public final class DeadLetterService implements ManageDeadLettersUseCase {

    private final WebhookInbox inbox;

    public DeadLetterService(WebhookInbox inbox) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    @Override
    public List<DeadLetterView> deadLetters(int limit) {
        return inbox.deadLetters(limit).stream().map(d -> new DeadLetterView(d.id(), d.webhookId(), d.kind(),
            d.otherType(), d.attempts(), d.receivedAt(), d.lastError())).toList();
    }

    @Override
    public boolean replay(long id) {
        return inbox.replay(id);
    }
}
