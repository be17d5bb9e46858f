package io.accesshub.application.service;

import io.accesshub.application.port.in.BudgetDecision;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.GetAccessTokenUseCase;
import io.accesshub.application.port.in.HighLevelCallResult;
import io.accesshub.application.port.in.HighLevelCalls;
import io.accesshub.application.port.in.RateBudgets;
import io.accesshub.application.port.in.RejectionReportResult;
import io.accesshub.application.port.in.ReportRejectedTokenUseCase;
import io.accesshub.application.port.in.TokenResult;
import io.accesshub.application.port.out.HighLevelApi;
import io.accesshub.domain.budget.BudgetKey;
import io.accesshub.domain.budget.BudgetRemaining;
import io.accesshub.domain.budget.FairQueue;
import io.accesshub.domain.budget.Priority;
import io.accesshub.domain.grant.AccessTokenDigest;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.proxy.ApiPath;
import io.accesshub.domain.proxy.ApiVersions;
import io.accesshub.domain.proxy.ForwardedHeaders;
import io.accesshub.domain.proxy.RetryRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Product calls to HighLevel through the hub: the token comes from the token use case (scope and audit apply as for
 * a token read), each call waits for a permit of the resource's shared budget (served round-robin across callers)
 * up to the caller's deadline, HighLevel's budget headers and 429s correct the budget, a 429 is retried inside the
 * deadline, and a 401 re-validates the token once (through the rejected-token report) and repeats the call when its
 * method allows.
 */
public final class HighLevelCallService implements HighLevelCalls {

    /** HighLevel 429s retried for one call at most, whatever the deadline. */
    private static final int MAX_TOO_MANY_RETRIES = 5;

    private final GetAccessTokenUseCase tokens;
    private final ReportRejectedTokenUseCase reports;
    private final RateBudgets budgets;
    private final HighLevelApi api;
    private final ApiVersions versions;
    private final Clock clock;
    private final ConcurrentMap<BudgetKey, Turns> turns = new ConcurrentHashMap<>();

    public HighLevelCallService(GetAccessTokenUseCase tokens, ReportRejectedTokenUseCase reports, RateBudgets budgets,
                                HighLevelApi api, ApiVersions versions, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.api = Objects.requireNonNull(api, "api");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public HighLevelCallResult call(Caller caller, HighLevelCall call) {
        return call(caller, call, api);
    }

    @Override
    public HighLevelCallResult call(Caller caller, HighLevelCall call, HighLevelApi via) {
        ApiPath.Decision decision = ApiPath.of(call.path());
        if (decision instanceof ApiPath.Refused refused) {
            return new HighLevelCallResult.PathRefused(refused.why());
        }
        ApiPath path = ((ApiPath.Allowed) decision).path();
        Instant deadline = clock.instant().plus(call.maxWait());
        TokenResult token = tokenFor(caller, call.resource());
        if (!(token instanceof TokenResult.Issued issued)) {
            return new HighLevelCallResult.NoToken(token);
        }
        BudgetKey key = BudgetKey.of(issued.app(), call.resource().location().map(LocationId::value)
            .orElseGet(() -> call.resource().company().orElseThrow().value()));
        HighLevelApi.ApiRequest request = new HighLevelApi.ApiRequest(issued.app(),
            call.method().toUpperCase(Locale.ROOT), path, call.rawQuery(), forwarded(call.headers(), path),
            call.body(), issued.accessToken());
        boolean revalidated = false;
        int tooMany = 0;
        while (true) {
            BudgetDecision permit = fairly(caller, key, deadline);
            if (permit instanceof BudgetDecision.WaitExhausted wait) {
                return new HighLevelCallResult.BudgetExhausted(wait.retryAfter(), Optional.of(wait.remaining()));
            }
            if (permit instanceof BudgetDecision.DailyExhausted daily) {
                return new HighLevelCallResult.DailyBudgetExhausted(daily.retryAfter(),
                    Optional.of(daily.remaining()));
            }
            HighLevelApi.ApiResponse response = via.send(request);
            if (response instanceof HighLevelApi.NoAnswer none) {
                return new HighLevelCallResult.NoAnswer(none.sent(), remaining(key));
            }
            HighLevelApi.Answered answered = (HighLevelApi.Answered) response;
            observe(key, answered);
            if (answered.status() == 429) {
                tooMany++;
                if (tooMany <= MAX_TOO_MANY_RETRIES && clock.instant().isBefore(deadline)) {
                    // the budget now waits for HighLevel's Retry-After; the next permit comes after it, or never
                    continue;
                }
                return new HighLevelCallResult.BudgetExhausted(answered.budget().retryAfter()
                    .orElse(Duration.ofSeconds(1)), remaining(key));
            }
            if (answered.status() == 401 && !revalidated) {
                revalidated = true;
                Optional<TokenResult> renewed = revalidate(caller, call.resource(), request);
                if (renewed.isPresent() && !(renewed.get() instanceof TokenResult.Issued)) {
                    return new HighLevelCallResult.NoToken(renewed.get());
                }
                if (renewed.isPresent()) {
                    TokenResult.Issued fresh = (TokenResult.Issued) renewed.get();
                    if (!fresh.accessToken().equals(request.bearer())) {
                        if (!RetryRule.mayRepeat(request.method())) {
                            return new HighLevelCallResult.TokenRejected(remaining(key));
                        }
                        request = request.withBearer(fresh.accessToken());
                        continue;
                    }
                }
            }
            return new HighLevelCallResult.Answered(answered.status(), returned(answered.headers()), answered.body(),
                remaining(key));
        }
    }

    private TokenResult tokenFor(Caller caller, Resource resource) {
        if (resource.location().isPresent()) {
            return tokens.accessTokenForLocation(caller, resource.app(), resource.location().get());
        }
        return tokens.accessTokenForCompany(caller, resource.app(), resource.company().orElseThrow());
    }

    /**
     * Re-validates a token HighLevel rejected; empty when re-validations are spent for now (HighLevel's 401 then
     * stands).
     */
    private Optional<TokenResult> revalidate(Caller caller, Resource resource, HighLevelApi.ApiRequest request) {
        AccessTokenDigest rejected = AccessTokenDigest.of(request.bearer());
        RejectionReportResult report = resource.location().isPresent()
            ? reports.reportForLocation(caller, resource.app(), resource.location().get(), rejected)
            : reports.reportForCompany(caller, resource.app(), resource.company().orElseThrow(), rejected);
        if (report instanceof RejectionReportResult.Answered answered) {
            return Optional.of(answered.answer());
        }
        return Optional.empty();
    }

    /** HighLevel's view of the budget corrects ours; a failure to record it never costs the caller the answer. */
    private void observe(BudgetKey key, HighLevelApi.Answered answered) {
        try {
            budgets.observe(key, answered.budget());
        } catch (RuntimeException bookkeepingFailed) {
            // the answer is HighLevel's and is returned; the budget learns from the next one
        }
    }

    private Optional<BudgetRemaining> remaining(BudgetKey key) {
        try {
            return Optional.of(budgets.remaining(key, Priority.PRODUCT));
        } catch (RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    /** The caller's headers that may cross, with the {@code Version} the path needs unless the caller sent one. */
    private Map<String, List<String>> forwarded(Map<String, List<String>> headers, ApiPath path) {
        Set<String> connectionTokens = headers.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase("connection"))
            .flatMap(e -> e.getValue().stream())
            .flatMap(v -> java.util.Arrays.stream(v.split(",")))
            .map(t -> t.trim().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
        Map<String, List<String>> out = new LinkedHashMap<>();
        Optional<String> callersVersion = Optional.empty();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("version")) {
                callersVersion = header.getValue().stream().findFirst();
                continue;
            }
            if (ForwardedHeaders.towardsHighLevel(name, connectionTokens)) {
                out.computeIfAbsent(name, n -> new ArrayList<>()).addAll(header.getValue());
            }
        }
        out.put("version", List.of(versions.versionFor(path, callersVersion)));
        return out;
    }

    private static Map<String, List<String>> returned(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (ForwardedHeaders.backToCaller(name)) {
                out.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
            }
        });
        return out;
    }

    /**
     * A permit of the budget, taken in turn: the callers waiting for one budget on this instance are served
     * round-robin across callers, and only the caller whose turn it is waits inside the budget; a caller whose
     * deadline passes while others go first gets the budget's answer for "now".
     */
    private BudgetDecision fairly(Caller caller, BudgetKey key, Instant deadline) {
        Turns gate = turns.computeIfAbsent(key, k -> new Turns());
        Object ticket = new Object();
        boolean myTurn = false;
        gate.lock.lock();
        try {
            gate.queue.add(caller.name(), ticket);
            while (true) {
                if (gate.queue.peek().map(t -> t == ticket).orElse(false)) {
                    myTurn = true;
                    break;
                }
                long left = Duration.between(clock.instant(), deadline).toNanos();
                if (left <= 0) {
                    gate.queue.remove(ticket);
                    gate.changed.signalAll();
                    break;
                }
                gate.changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            gate.queue.remove(ticket);
            gate.changed.signalAll();
        } finally {
            gate.lock.unlock();
        }
        if (!myTurn) {
            return budgets.acquire(key, Priority.PRODUCT, clock.instant());
        }
        try {
            return budgets.acquire(key, Priority.PRODUCT, deadline);
        } finally {
            gate.lock.lock();
            try {
                gate.queue.remove(ticket);
                gate.changed.signalAll();
            } finally {
                gate.lock.unlock();
            }
        }
    }

    /** The callers waiting for one budget on this instance. */
    private static final class Turns {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final FairQueue<Object> queue = new FairQueue<>();
    }
}
