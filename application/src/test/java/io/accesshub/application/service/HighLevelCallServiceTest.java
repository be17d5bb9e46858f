package io.accesshub.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.fakes.InMemoryBudgetLedger;
import io.accesshub.application.fakes.MovableClock;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.GetAccessTokenUseCase;
import io.accesshub.application.port.in.HighLevelCallResult;
import io.accesshub.application.port.in.HighLevelCalls;
import io.accesshub.application.port.in.RejectionReportResult;
import io.accesshub.application.port.in.ReportRejectedTokenUseCase;
import io.accesshub.application.port.in.TokenResult;
import io.accesshub.application.port.out.HighLevelApi;
import io.accesshub.domain.budget.BudgetPolicy;
import io.accesshub.domain.budget.RateLimitSignal;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.AccessTokenDigest;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.proxy.ApiVersions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Calls through the hub on fakes with a controlled clock: the budget is waited for (the pause moves the clock),
 * HighLevel's 429 is retried inside the deadline and only there, a rejected token is re-validated once and only
 * idempotent calls are repeated, and nothing of the caller's credentials crosses.
 */
class HighLevelCallServiceTest {

    private static final MarketplaceAppId APP = MarketplaceAppId.of("app1");
    private static final LocationId LOCATION = LocationId.of("loc-1");
    private static final Caller CALLER = Caller.IN_PROCESS;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00.250Z"));
    private final RateBudgetService budgets = new RateBudgetService(new InMemoryBudgetLedger(clock),
        new BudgetPolicy(90, Duration.ofSeconds(10), 20, 10, 200_000, ZoneOffset.UTC), clock, clock::advance);
    private AccessToken current = AccessToken.of("at-1");
    private int renewals;
    private final Deque<Supplier<HighLevelApi.ApiResponse>> answers = new ArrayDeque<>();
    private final List<HighLevelApi.ApiRequest> sent = new ArrayList<>();

    private final GetAccessTokenUseCase tokens = new GetAccessTokenUseCase() {
        @Override
        public TokenResult accessTokenForLocation(Caller caller, Optional<MarketplaceAppId> app, LocationId id) {
            return issued();
        }

        @Override
        public TokenResult accessTokenForCompany(Caller caller, Optional<MarketplaceAppId> app, CompanyId id) {
            return new TokenResult.NotInstalled();
        }
    };

    private final ReportRejectedTokenUseCase reports = new ReportRejectedTokenUseCase() {
        @Override
        public RejectionReportResult reportForLocation(Caller caller, Optional<MarketplaceAppId> app, LocationId id,
                                                       AccessTokenDigest rejected) {
            if (rejected.matches(current)) {
                renewals++;
                current = AccessToken.of("at-" + (renewals + 1));
            }
            return new RejectionReportResult.Answered(issued());
        }

        @Override
        public RejectionReportResult reportForCompany(Caller caller, Optional<MarketplaceAppId> app, CompanyId id,
                                                      AccessTokenDigest rejected) {
            throw new AssertionError("no company calls here");
        }
    };

    private final HighLevelApi api = request -> {
        sent.add(request);
        return answers.isEmpty() ? answer(200, RateLimitSignal.none()) : answers.poll().get();
    };

    private final HighLevelCallService service = new HighLevelCallService(tokens, reports, budgets, api,
        ApiVersions.DEFAULT, clock);

    private TokenResult issued() {
        return new TokenResult.Issued(current, clock.instant().plusSeconds(3600), Scopes.parse("contacts.readonly"),
            CompanyId.of("co-1"), Optional.of(LOCATION), GrantSource.DIRECT_INSTALL, APP);
    }

    private static HighLevelApi.Answered answer(int status, RateLimitSignal signal) {
        return new HighLevelApi.Answered(status, Map.of("content-type", List.of("application/json"),
            "set-cookie", List.of("hl=1")), "{}".getBytes(StandardCharsets.UTF_8), signal);
    }

    private static RateLimitSignal tooMany(long retryAfterSeconds) {
        return new RateLimitSignal(true, Optional.of(Duration.ofSeconds(retryAfterSeconds)), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    private static HighLevelCalls.HighLevelCall call(String method, String path, Duration maxWait) {
        return new HighLevelCalls.HighLevelCall(HighLevelCalls.Resource.location(Optional.empty(), LOCATION), method,
            path, Optional.of("locationId=loc-1"), Map.of("Authorization", List.of("Bearer ahk_caller"),
                "X-API-Key", List.of("ahk_caller"), "Content-Type", List.of("application/json")), new byte[0],
            maxWait);
    }

    @Test
    void aCallGoesOutWithTheResourcesTokenAndVersionAndNoneOfTheCallersCredentials() {
        HighLevelCallResult result = service.call(CALLER, call("get", "contacts/", Duration.ofSeconds(10)));

        assertThat(result).isInstanceOf(HighLevelCallResult.Answered.class);
        HighLevelCallResult.Answered answered = (HighLevelCallResult.Answered) result;
        assertThat(answered.headers()).containsKey("content-type").doesNotContainKey("set-cookie");
        assertThat(answered.budget()).hasValueSatisfying(b -> assertThat(b.burst()).isEqualTo(80 - 1));
        HighLevelApi.ApiRequest request = sent.get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.bearer()).isEqualTo(AccessToken.of("at-1"));
        assertThat(request.headers()).containsEntry("version", List.of("2021-07-28"))
            .containsEntry("content-type", List.of("application/json"))
            .doesNotContainKeys("authorization", "Authorization", "x-api-key", "X-API-Key");
        assertThat(request.rawQuery()).contains("locationId=loc-1");
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedAfterHighLevelsRetryAfterInsideTheDeadline() {
        answers.add(() -> answer(429, tooMany(2)));
        Instant start = clock.instant();

        HighLevelCallResult result = service.call(CALLER, call("GET", "contacts/", Duration.ofSeconds(10)));

        assertThat(result).isInstanceOf(HighLevelCallResult.Answered.class);
        assertThat(((HighLevelCallResult.Answered) result).status()).isEqualTo(200);
        assertThat(sent).hasSize(2);
        assertThat(Duration.between(start, clock.instant())).as("Retry-After plus its tenth for skew")
            .isGreaterThanOrEqualTo(Duration.ofMillis(2_200));
    }

    @Test
    void aTooManyRequestsAnswerWhosePauseOutlastsTheDeadlineIsTheHubs429WithoutAnotherCall() {
        answers.add(() -> answer(429, tooMany(30)));

        HighLevelCallResult result = service.call(CALLER, call("GET", "contacts/", Duration.ofSeconds(5)));

        assertThat(result).isInstanceOf(HighLevelCallResult.BudgetExhausted.class);
        assertThat(((HighLevelCallResult.BudgetExhausted) result).retryAfter())
            .isGreaterThan(Duration.ofSeconds(5));
        assertThat(sent).hasSize(1);
    }

    @Test
    void aRejectedTokenIsRevalidatedOnceAndAnIdempotentCallRepeatedWithTheNewOne() {
        answers.add(() -> answer(401, RateLimitSignal.none()));

        HighLevelCallResult result = service.call(CALLER, call("GET", "contacts/", Duration.ofSeconds(10)));

        assertThat(result).isInstanceOf(HighLevelCallResult.Answered.class);
        assertThat(((HighLevelCallResult.Answered) result).status()).isEqualTo(200);
        assertThat(renewals).isEqualTo(1);
        assertThat(sent).extracting(HighLevelApi.ApiRequest::bearer)
            .containsExactly(AccessToken.of("at-1"), AccessToken.of("at-2"));
    }

    @Test
    void aRejectedTokenOnACallThatIsNotIdempotentIsRenewedButTheCallIsNotRepeated() {
        answers.add(() -> answer(401, RateLimitSignal.none()));

        HighLevelCallResult result = service.call(CALLER, call("POST", "contacts/", Duration.ofSeconds(10)));

        assertThat(result).isInstanceOf(HighLevelCallResult.TokenRejected.class);
        assertThat(renewals).isEqualTo(1);
        assertThat(sent).hasSize(1);
    }

    @Test
    void aRenewedTokenRejectedAgainIsHighLevelsAnswerNotAnotherRenewal() {
        answers.add(() -> answer(401, RateLimitSignal.none()));
        answers.add(() -> answer(401, RateLimitSignal.none()));

        HighLevelCallResult result = service.call(CALLER, call("GET", "contacts/", Duration.ofSeconds(10)));

        assertThat(result).isInstanceOf(HighLevelCallResult.Answered.class);
        assertThat(((HighLevelCallResult.Answered) result).status()).isEqualTo(401);
        assertThat(renewals).isEqualTo(1);
        assertThat(sent).hasSize(2);
    }

    @Test
    void hubOnlyPathsAndResourcesWithoutATokenNeverReachHighLevel() {
        HighLevelCallResult refused = service.call(CALLER, call("POST", "oauth/token", Duration.ofSeconds(10)));
        HighLevelCallResult company = service.call(CALLER, new HighLevelCalls.HighLevelCall(
            HighLevelCalls.Resource.company(Optional.empty(), CompanyId.of("co-1")), "GET", "locations/search",
            Optional.empty(), Map.of(), new byte[0], Duration.ofSeconds(10)));

        assertThat(refused).isInstanceOf(HighLevelCallResult.PathRefused.class);
        assertThat(company).isEqualTo(new HighLevelCallResult.NoToken(new TokenResult.NotInstalled()));
        assertThat(sent).isEmpty();
    }

    @Test
    void aSpentBurstBudgetAnswersWithoutCallingHighLevelOnceTheDeadlinePasses() {
        for (int i = 0; i < 80; i++) {
            assertThat(service.call(CALLER, call("GET", "contacts/", Duration.ZERO)))
                .isInstanceOf(HighLevelCallResult.Answered.class);
        }

        HighLevelCallResult result = service.call(CALLER, call("GET", "contacts/", Duration.ofSeconds(1)));

        assertThat(result).isInstanceOf(HighLevelCallResult.BudgetExhausted.class);
        assertThat(result.budget()).hasValueSatisfying(b -> assertThat(b.burst()).isZero());
        assertThat(sent).hasSize(80);
    }
}
