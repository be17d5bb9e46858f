package io.accesshub.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.fakes.FixedMarketplaceApps;
import io.accesshub.application.fakes.HmacSignedValues;
import io.accesshub.application.fakes.InMemoryApiKeyStore;
import io.accesshub.application.fakes.InMemoryConsoleAuditLog;
import io.accesshub.application.fakes.InMemoryConsoleSessionStore;
import io.accesshub.application.fakes.InMemoryTransactionRunner;
import io.accesshub.application.fakes.MovableClock;
import io.accesshub.application.port.in.ConfiguredApiKey;
import io.accesshub.application.port.in.ConsoleOperator;
import io.accesshub.application.port.in.ConsoleSessionsUseCase.SignIn;
import io.accesshub.application.port.in.ConsoleSessionsUseCase.SignInForm;
import io.accesshub.application.port.in.ConsoleSessionsUseCase.SignInRefusal;
import io.accesshub.application.port.in.ConsoleSessionsUseCase.SignInResult;
import io.accesshub.application.port.in.ManageApiKeysUseCase.CreateOutcome;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.WebhookInbox;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.application.testdata.TestTimes;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.access.ApiKeyDefinition;
import io.accesshub.domain.access.Permission;
import io.accesshub.domain.console.ConsoleAction;
import io.accesshub.domain.console.ConsoleAuditEntry;
import io.accesshub.domain.console.ConsoleIdleTimeout;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.marketplace.CompanyId;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleServiceTest {

    private static final String ADMIN_KEY = "configured-admin-key-0123456789";
    private static final String READER_KEY = "configured-reader-key-0123456789";
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(2);

    private final MovableClock clock = new MovableClock(TestTimes.NOW);
    private final InMemoryApiKeyStore keyStore = new InMemoryApiKeyStore();
    private final InMemoryConsoleSessionStore sessions = new InMemoryConsoleSessionStore();
    private final InMemoryConsoleAuditLog audit = new InMemoryConsoleAuditLog();
    private final HmacSignedValues signed = new HmacSignedValues();
    private final Set<Long> deadLetters = new HashSet<>(Set.of(7L));
    private final ApiKeyService keys = keys();
    private final ConsoleService console = console(keys);

    private ApiKeyService keys() {
        FixedMarketplaceApps apps = new FixedMarketplaceApps(new MarketplaceApp(TestIds.appId(), "main",
            Scopes.parse("oauth.write")));
        return new ApiKeyService(keyStore, ApiKeyServiceTest::randomKey, apps, clock, List.of(
            configured("ops", ADMIN_KEY, Permission.ADMIN), configured("reader", READER_KEY,
                Permission.INSTALLATIONS_READ)), KEY_CACHE_TTL);
    }

    private ConsoleService console(ApiKeyService authentication) {
        WebhookInbox inbox = (WebhookInbox) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {WebhookInbox.class}, (proxy, method, args) -> {
                if (method.getName().equals("replay")) {
                    return deadLetters.remove((Long) args[0]);
                }
                throw new UnsupportedOperationException(method.getName());
            });
        return new ConsoleService(sessions, audit, authentication, inbox, new InMemoryTransactionRunner(audit),
            ApiKeyServiceTest::randomKey, signed, clock, new ConsoleIdleTimeout(IDLE));
    }

    private static ConfiguredApiKey configured(String name, String key, Permission permission) {
        return new ConfiguredApiKey(new ApiKeyDefinition(name, Set.of(permission), AccessScope.unrestricted(),
            Optional.empty()), ApiKeyService.sha256Hex(key));
    }

    private SignInResult signIn(ConsoleService service, String key) {
        SignInForm form = service.signInForm();
        return service.signIn(new SignIn(key, Optional.of(form.browserValue()), Optional.of(form.formToken())));
    }

    private SignInResult.SignedIn signedIn(ConsoleService service, String key) {
        SignInResult result = signIn(service, key);
        assertThat(result).isInstanceOf(SignInResult.SignedIn.class);
        return (SignInResult.SignedIn) result;
    }

    private List<ConsoleAction> auditedActions() {
        return audit.recent(100).stream().map(ConsoleAuditEntry::action).toList();
    }

    @Test
    void anUnscopedAdminKeyOpensASessionThatResumesWithTheKeysName() {
        SignInResult.SignedIn session = signedIn(console, ADMIN_KEY);

        Optional<ConsoleOperator> resumed = console.resume(session.token().value());

        assertThat(resumed).isPresent();
        assertThat(resumed.get().keyName()).isEqualTo("ops");
        assertThat(resumed.get().keyId()).isEqualTo("config:ops");
        assertThat(sessions.find(session.token().hash())).as("stored by the hash of its token").isPresent();
        assertThat(audit.recent(10)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(ConsoleAction.SIGN_IN);
            assertThat(entry.keyName()).isEqualTo("ops");
            assertThat(entry.at()).isEqualTo(TestTimes.NOW);
        });
    }

    @Test
    void wrongNonAdminAndScopedKeysAreRefusedWithTheirReason() {
        CreateOutcome scoped = keys.create(new ApiKeyDefinition("tenant-a", Set.of(Permission.TOKENS_READ),
            new AccessScope(Set.of(), Set.of(CompanyId.of("company-a")), Set.of()), Optional.empty()));
        String scopedKey = ((CreateOutcome.Created) scoped).created().key();

        assertThat(signIn(console, "not-a-key")).isEqualTo(new SignInResult.Refused(SignInRefusal.UNKNOWN_KEY));
        assertThat(signIn(console, READER_KEY)).isEqualTo(new SignInResult.Refused(SignInRefusal.NOT_ADMIN));
        assertThat(signIn(console, scopedKey)).isEqualTo(new SignInResult.Refused(SignInRefusal.SCOPED));
        assertThat(sessions.size()).isZero();
        assertThat(audit.recent(10)).extracting(ConsoleAuditEntry::keyName, ConsoleAuditEntry::action,
                ConsoleAuditEntry::outcome)
            .as("refusals of known keys are audited, unknown keys are not")
            .containsExactly(org.assertj.core.groups.Tuple.tuple("tenant-a", ConsoleAction.SIGN_IN_REFUSED, "scoped"),
                org.assertj.core.groups.Tuple.tuple("reader", ConsoleAction.SIGN_IN_REFUSED, "not_admin"));
    }

    @Test
    void aSignInFormMustComeFromThisBrowsersSignInPageAndBeFresh() {
        SignInForm form = console.signInForm();
        SignInForm other = console.signInForm();
        SignInResult.Refused expired = new SignInResult.Refused(SignInRefusal.FORM_EXPIRED);

        assertThat(console.signIn(new SignIn(ADMIN_KEY, Optional.empty(), Optional.of(form.formToken()))))
            .as("no sign-in cookie").isEqualTo(expired);
        assertThat(console.signIn(new SignIn(ADMIN_KEY, Optional.of(form.browserValue()), Optional.empty())))
            .as("no form token").isEqualTo(expired);
        assertThat(console.signIn(new SignIn(ADMIN_KEY, Optional.of(other.browserValue()),
            Optional.of(form.formToken())))).as("another browser's cookie").isEqualTo(expired);
        assertThat(console.signIn(new SignIn(ADMIN_KEY, Optional.of(form.browserValue()),
            Optional.of(form.formToken() + "x")))).as("a tampered token").isEqualTo(expired);

        clock.advance(ConsoleService.SIGN_IN_FORM_LIFETIME);
        assertThat(console.signIn(new SignIn(ADMIN_KEY, Optional.of(form.browserValue()),
            Optional.of(form.formToken())))).as("an hour-old form").isEqualTo(expired);
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aSessionEndsAfterTheIdleTimeoutAndEachRequestRestartsIt() {
        SignInResult.SignedIn session = signedIn(console, ADMIN_KEY);

        clock.advance(IDLE.minusSeconds(1));
        assertThat(console.resume(session.token().value())).as("used just in time").isPresent();
        clock.advance(IDLE.minusSeconds(1));
        assertThat(console.resume(session.token().value())).as("the last request restarted the timeout").isPresent();
        clock.advance(IDLE);
        assertThat(console.resume(session.token().value())).as("idle for the whole timeout").isEmpty();
        assertThat(sessions.size()).as("an idle session is deleted").isZero();
    }

    @Test
    void aRevokedKeyEndsItsSessionsOnEveryInstanceWithinTheKeyCacheTtl() {
        CreateOutcome created = keys.create(new ApiKeyDefinition("operator", Set.of(Permission.ADMIN),
            AccessScope.unrestricted(), Optional.empty()));
        CreateOutcome.Created admin = (CreateOutcome.Created) created;
        SignInResult.SignedIn session = signedIn(console, admin.created().key());
        ConsoleService otherInstance = console(keys());
        assertThat(otherInstance.resume(session.token().value())).as("sessions are shared").isPresent();

        assertThat(keys.revoke(admin.created().summary().id())).isTrue();

        assertThat(console.resume(session.token().value())).as("at once where it was revoked").isEmpty();
        clock.advance(KEY_CACHE_TTL);
        assertThat(otherInstance.resume(session.token().value())).as("elsewhere within the TTL").isEmpty();
    }

    @Test
    void aSessionsCsrfTokenIsItsOwnAndNeverTheStoredHash() {
        ConsoleOperator first = signedIn(console, ADMIN_KEY).operator();
        ConsoleOperator second = signedIn(console, ADMIN_KEY).operator();

        assertThat(first.acceptsCsrf(first.csrfToken())).isTrue();
        assertThat(first.acceptsCsrf(second.csrfToken())).isFalse();
        assertThat(first.acceptsCsrf(null)).isFalse();
        assertThat(first.acceptsCsrf("")).isFalse();
        assertThat(first.csrfToken()).isNotEqualTo(first.session().hash()).isNotEqualTo(first.session().value());
        assertThat(first.toString()).doesNotContain(first.session().value()).doesNotContain(first.csrfToken());
    }

    @Test
    void signingOutEndsTheSessionAndIsAudited() {
        SignInResult.SignedIn session = signedIn(console, ADMIN_KEY);

        console.signOut(session.operator());

        assertThat(console.resume(session.token().value())).isEmpty();
        assertThat(auditedActions()).containsExactly(ConsoleAction.SIGN_OUT, ConsoleAction.SIGN_IN);
    }

    @Test
    void aReplayIsAuditedWithItsOutcome() {
        ConsoleOperator operator = signedIn(console, ADMIN_KEY).operator();

        assertThat(console.replayDeadLetter(operator, 7)).isTrue();
        assertThat(console.replayDeadLetter(operator, 7)).isFalse();

        assertThat(console.recentActions(2)).extracting(ConsoleAuditEntry::action, ConsoleAuditEntry::target,
                ConsoleAuditEntry::outcome)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(ConsoleAction.REPLAY_DEAD_LETTER, "dead letter 7",
                    "not_found"),
                org.assertj.core.groups.Tuple.tuple(ConsoleAction.REPLAY_DEAD_LETTER, "dead letter 7", "ok"));
    }

    @Test
    void malformedOrUnknownSessionTokensResumeNothing() {
        signedIn(console, ADMIN_KEY);

        assertThat(console.resume(null)).isEmpty();
        assertThat(console.resume("short")).isEmpty();
        assertThat(console.resume("a".repeat(43))).isEmpty();
        assertThat(console.resume("../../etc/passwd/../../etc/passwd/../../etc")).isEmpty();
    }
}
