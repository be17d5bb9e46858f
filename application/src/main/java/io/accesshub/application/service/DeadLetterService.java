package io.accesshub.application.service;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.ManageDeadLettersUseCase;
import io.accesshub.application.port.out.WebhookInbox;
import java.util.List;
import java.util.Objects;

/** Lists and replays dead-lettered webhooks. */
public final class DeadLetterService implements ManageDeadLettersUseCase {

    private static final String DEAD = "DEAD";

    private final WebhookInbox inbox;

    public DeadLetterService(WebhookInbox inbox) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    @Override
    public List<DeadLetterView> deadLetters(int limit) {
        return inbox.deadLetters(0, limit).stream().map(DeadLetterService::view).toList();
    }

    @Override
    public Page<DeadLetterView> deadLetters(PageRequest page) {
        Objects.requireNonNull(page, "page");
        long total = inbox.countByStatus(DEAD);
        List<DeadLetterView> items = total <= page.offset() ? List.of()
            : inbox.deadLetters(page.offset(), page.limit()).stream().map(DeadLetterService::view).toList();
        return new Page<>(items, total, page);
    }

    @Override
    public boolean replay(long id) {
        return inbox.replay(id);
    }

    private static DeadLetterView view(WebhookInbox.DeadLetter letter) {
        return new DeadLetterView(letter.id(), letter.webhookId(), letter.kind(), letter.otherType(),
            letter.attempts(), letter.receivedAt(), letter.lastError());
    }
}
