package io.accesshub.application.service;

import io.accesshub.application.port.in.AuthenticateApiKeyUseCase;
import io.accesshub.application.port.in.AuthenticateApiKeyUseCase.IdentifiedKey;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.ConsoleActionsUseCase;
import io.accesshub.application.port.in.ConsoleOperator;
import io.accesshub.application.port.in.ConsoleSessionsUseCase;
import io.accesshub.application.port.out.ConsoleAuditLog;
import io.accesshub.application.port.out.ConsoleSessionStore;
import io.accesshub.application.port.out.SecretGenerator;
import io.accesshub.application.port.out.SignedValues;
import io.accesshub.application.port.out.TransactionRunner;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.domain.console.ConsoleAction;
import io.accesshub.domain.console.ConsoleAdmission;
import io.accesshub.domain.console.ConsoleAuditEntry;
import io.accesshub.domain.console.ConsoleIdleTimeout;
import io.accesshub.domain.console.ConsoleSession;
import io.accesshub.domain.console.ConsoleSessionToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The operations console's sessions and actions. A session is opened with an unscoped admin key
 * ({@link ConsoleAdmission}); the hub stores the hash of its token with the key's id and checks the key again on every
 * request through {@link AuthenticateApiKeyUseCase} (whose cache TTL bounds how long a revoked key keeps a session
 * alive). Sessions idle for {@code idleTimeout} are over. Sign-in, refused sign-in with a known key, sign-out and each
 * action are recorded in the console audit; an action and its audit entry commit together.
 */
public final class ConsoleService implements ConsoleSessionsUseCase, ConsoleActionsUseCase {

    /** The purpose sign-in form tokens are signed for (a signature for another purpose never passes). */
    static final String SIGN_IN_PURPOSE = "console-sign-in";
    /** How long a sign-in form may stay open. */
    static final Duration SIGN_IN_FORM_LIFETIME = Duration.ofHours(1);
    /** Idle sessions deleted per sign-in, so the table stays small without a scheduler of its own. */
    static final int PURGE_BATCH = 100;

    private final ConsoleSessionStore sessions;
    private final ConsoleAuditLog audit;
    private final AuthenticateApiKeyUseCase keys;
    private final WebhookInbox inbox;
    private final TransactionRunner transactions;
    private final SecretGenerator secrets;
    private final SignedValues signed;
    private final Clock clock;
    private final Duration idleTimeout;

    public ConsoleService(ConsoleSessionStore sessions, ConsoleAuditLog audit, AuthenticateApiKeyUseCase keys,
                          WebhookInbox inbox, TransactionRunner transactions, SecretGenerator secrets,
                          SignedValues signed, Clock clock, ConsoleIdleTimeout idleTimeout) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.signed = Objects.requireNonNull(signed, "signed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout").value();
    }

    @Override
    public SignInForm signInForm() {
        String browserValue = secrets.newState();
        String token = signed.sign(SIGN_IN_PURPOSE, browserValue, clock.instant().plus(SIGN_IN_FORM_LIFETIME));
        return new SignInForm(browserValue, token, SIGN_IN_FORM_LIFETIME);
    }

    @Override
    public SignInResult signIn(SignIn command) {
        Instant now = clock.instant();
        Optional<String> formFor = command.formToken().flatMap(token -> signed.verify(SIGN_IN_PURPOSE, token, now));
        if (formFor.isEmpty() || !formFor.equals(command.browserValue())) {
            return new SignInResult.Refused(SignInRefusal.FORM_EXPIRED);
        }
        Optional<IdentifiedKey> key = keys.identify(command.presentedKey().trim());
        if (key.isEmpty()) {
            return new SignInResult.Refused(SignInRefusal.UNKNOWN_KEY);
        }
        Caller caller = key.get().caller();
        ConsoleAdmission admission = ConsoleAdmission.judge(caller.permissions(), caller.scope());
        if (admission != ConsoleAdmission.ADMITTED) {
            audit.record(new ConsoleAuditEntry(now, caller.name(), ConsoleAction.SIGN_IN_REFUSED, "",
                admission.name().toLowerCase(Locale.ROOT)));
            return new SignInResult.Refused(admission == ConsoleAdmission.NOT_ADMIN ? SignInRefusal.NOT_ADMIN
                : SignInRefusal.SCOPED);
        }
        ConsoleSessionToken token = new ConsoleSessionToken(secrets.newState());
        sessions.purgeIdle(ConsoleSession.idleBefore(now, idleTimeout), PURGE_BATCH);
        transactions.runInTransaction(() -> {
            sessions.open(ConsoleSession.open(token, key.get().id(), caller.name(), now));
            audit.record(new ConsoleAuditEntry(now, caller.name(), ConsoleAction.SIGN_IN, "", "ok"));
        });
        return new SignInResult.SignedIn(token, new ConsoleOperator(key.get().id(), caller.name(), token));
    }

    @Override
    public Optional<ConsoleOperator> resume(String presentedToken) {
        Optional<ConsoleSessionToken> token = ConsoleSessionToken.parse(presentedToken);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String hash = token.get().hash();
        Optional<ConsoleSession> session = sessions.find(hash);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (session.get().isIdleAt(now, idleTimeout)) {
            sessions.close(hash);
            return Optional.empty();
        }
        Optional<Caller> caller = keys.authenticateById(session.get().apiKeyId());
        if (caller.isEmpty()
            || ConsoleAdmission.judge(caller.get().permissions(), caller.get().scope()) != ConsoleAdmission.ADMITTED) {
            sessions.close(hash);
            return Optional.empty();
        }
        if (!sessions.touch(hash, now, ConsoleSession.idleBefore(now, idleTimeout))) {
            return Optional.empty();
        }
        return Optional.of(new ConsoleOperator(session.get().apiKeyId(), session.get().keyName(), token.get()));
    }

    @Override
    public void signOut(ConsoleOperator operator) {
        Objects.requireNonNull(operator, "operator");
        transactions.runInTransaction(() -> {
            sessions.close(operator.session().hash());
            audit.record(new ConsoleAuditEntry(clock.instant(), operator.keyName(), ConsoleAction.SIGN_OUT, "", "ok"));
        });
    }

    @Override
    public boolean replayDeadLetter(ConsoleOperator operator, long deadLetterId) {
        Objects.requireNonNull(operator, "operator");
        return transactions.inTransaction(() -> {
            boolean replayed = inbox.replay(deadLetterId);
            audit.record(new ConsoleAuditEntry(clock.instant(), operator.keyName(), ConsoleAction.REPLAY_DEAD_LETTER,
                "dead letter " + deadLetterId, replayed ? "ok" : "not_found"));
            return replayed;
        });
    }

    @Override
    public List<ConsoleAuditEntry> recentActions(int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
        return audit.recent(limit);
    }
}
