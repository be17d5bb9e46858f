package io.accesshub.application.port.in;

import java.time.Instant;
import java.util.List;

/** Lets operators see webhooks whose handling kept failing and put them back in the queue. */
public interface ManageDeadLettersUseCase {

    /** Dead letters, oldest first. */
    List<DeadLetterView> deadLetters(int limit);

    /** Re-queues a dead letter; false when there is none with this id. */
    boolean replay(long id);

    /** A dead letter as operators see it. */
    record DeadLetterView(long id, String webhookId, String type, int attempts, Instant receivedAt, String lastError) {
    }
}
