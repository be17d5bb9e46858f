package io.accesshub.application.port.in;

import io.accesshub.domain.console.ConsoleAuditEntry;
import java.util.List;

/** What operators do through the console besides signing in and out, each recorded in the console audit. */
public interface ConsoleActionsUseCase {

    /** Puts a dead-lettered webhook back in the queue and records it; false when there is no such dead letter. */
    boolean replayDeadLetter(ConsoleOperator operator, long deadLetterId);

    /** The most recent entries of the console audit, newest first. */
    List<ConsoleAuditEntry> recentActions(int limit);
}
