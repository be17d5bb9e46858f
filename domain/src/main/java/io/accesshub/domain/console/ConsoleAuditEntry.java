package io.accesshub.domain.console;

import io.accesshub.domain.shared.DomainException;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the console audit: who (an API key's name), what, on what, with which result, when.
 *
 * @param at      when it happened
 * @param keyName the name of the key behind the session
 * @param action  what was done
 * @param target  what it was done to ({@code ""} when nothing: sign-in, sign-out)
 * @param outcome a short word: {@code ok}, {@code not_found}, {@code not_admin}, {@code scoped}
 */
public record ConsoleAuditEntry(Instant at, String keyName, ConsoleAction action, String target, String outcome) {

    public ConsoleAuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        DomainException.require(keyName.length() <= 64, "a key name is at most 64 characters");
        DomainException.require(target.length() <= 255, "a target is at most 255 characters");
        DomainException.require(outcome.length() <= 32, "an outcome is at most 32 characters");
    }
}
