package io.accesshub.application.port.in;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.domain.webhook.MarketplaceEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Lets operators see webhooks whose handling kept failing and put them back in the queue. */
public interface ManageDeadLettersUseCase {

    /** Dead letters, oldest first, at most {@code limit}. */
    List<DeadLetterView> deadLetters(int limit);

    /** One page of the dead letters, oldest first, with how many there are in all. */
    Page<DeadLetterView> deadLetters(PageRequest page);

    /** Re-queues a dead letter; false when there is none with this id. */
    boolean replay(long id);

    /** A dead letter as operators see it; {@code otherType} is HighLevel's type of an event of kind OTHER. */
    record DeadLetterView(long id, String webhookId, MarketplaceEvent.Kind kind, Optional<String> otherType,
                          int attempts, Instant receivedAt, String lastError) {
    }
}
