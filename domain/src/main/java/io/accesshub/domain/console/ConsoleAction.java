package io.accesshub.domain.console;

/** What an operator did in the console; each is recorded in the console audit with the key's name and the time. */
public enum ConsoleAction {
    /** Opened a session. */
    SIGN_IN,
    /** Presented a known key the console refused (not admin, or scoped). */
    SIGN_IN_REFUSED,
    /** Closed the session. */
    SIGN_OUT,
    /** Put a dead-lettered webhook back in the queue. */
    REPLAY_DEAD_LETTER
}
