package io.accesshub.adapter.ghl.client;

import io.accesshub.adapter.ghl.RateLimitHeaders;
import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.HighLevelCallResult;
import io.accesshub.application.port.in.HighLevelCalls;
import io.accesshub.application.port.out.HighLevelApi;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.proxy.MaxWait;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.filter.ClientFilterChain;
import io.micronaut.http.filter.HttpClientFilter;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import io.micronaut.core.async.publisher.Publishers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The in-process client for code that embeds the hub and calls HighLevel with a Micronaut HTTP client: every request
 * of a client with id {@value #CLIENT_ID} (point {@code micronaut.http.services.highlevel-calls.url} at HighLevel's
 * API base) names its resource with {@value #LOCATION_HEADER} or {@value #COMPANY_HEADER} (optionally
 * {@value #APP_HEADER} and {@value #MAX_WAIT_HEADER}), and goes out through {@link HighLevelCalls}: with that
 * resource's token and {@code Version}, within the app's shared budget, learning from HighLevel's budget headers,
 * re-validating a rejected token and repeating idempotent calls. HighLevel's answers come back as the client would
 * get them; calls the hub answers itself fail with {@link HighLevelCallRefusedException}.
 */
@Filter(serviceId = HighLevelCallsClientFilter.CLIENT_ID)
public class HighLevelCallsClientFilter implements HttpClientFilter {

    /** The client id the filter applies to. */
    public static final String CLIENT_ID = "highlevel-calls";
    /** The location whose token a call uses. */
    public static final String LOCATION_HEADER = "X-AccessHub-Location";
    /** The agency (company) whose token a call uses. */
    public static final String COMPANY_HEADER = "X-AccessHub-Company";
    /** The app, when several are configured. */
    public static final String APP_HEADER = "X-AccessHub-App";
    /** How long the call may wait for budget, in whole seconds (default 10, at most 60). */
    public static final String MAX_WAIT_HEADER = "X-AccessHub-Max-Wait";

    /** Looked up on first use: the calls need the HighLevel client, whose registry needs this filter. */
    private final BeanProvider<HighLevelCalls> calls;
    private final ExecutorService blocking;

    public HighLevelCallsClientFilter(BeanProvider<HighLevelCalls> calls,
                                      @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.calls = calls;
        this.blocking = blocking;
    }

    /** Marks a request this filter is sending itself: the chain it proceeds on runs the filters again. */
    private static final String SENDING = "accesshub.highlevel-calls.sending";

    @Override
    public Publisher<? extends HttpResponse<?>> doFilter(MutableHttpRequest<?> request, ClientFilterChain chain) {
        if (request.getAttribute(SENDING).isPresent()) {
            return chain.proceed(request);
        }
        // The hub may wait for budget and refresh a token: never on the client's event loop. The call is made once,
        // however often the client subscribes, and its own exception (not a wrapper) reaches the caller.
        CompletableFuture<HttpResponse<?>> answer = new CompletableFuture<>();
        blocking.execute(() -> {
            try {
                answer.complete(call(request, chain));
            } catch (RuntimeException | Error failed) {
                answer.completeExceptionally(failed);
            }
        });
        return Publishers.fromCompletableFuture(answer);
    }

    private HttpResponse<?> call(MutableHttpRequest<?> request, ClientFilterChain chain) {
        MutableHttpHeaders headers = request.getHeaders();
        Optional<MarketplaceAppId> app = Optional.ofNullable(headers.get(APP_HEADER)).map(MarketplaceAppId::of);
        Optional<String> location = Optional.ofNullable(headers.get(LOCATION_HEADER));
        Optional<String> company = Optional.ofNullable(headers.get(COMPANY_HEADER));
        if (location.isPresent() == company.isPresent()) {
            throw new IllegalArgumentException("a call through the " + CLIENT_ID + " client names either "
                + LOCATION_HEADER + " or " + COMPANY_HEADER + " (it names " + headers.names() + ")");
        }
        Duration maxWait = MaxWait.parse(Optional.ofNullable(headers.get(MAX_WAIT_HEADER))).orElseThrow(() ->
            new IllegalArgumentException(MAX_WAIT_HEADER + " is a whole number of seconds"));
        HighLevelCalls.Resource resource = location.isPresent()
            ? HighLevelCalls.Resource.location(app, LocationId.of(location.get()))
            : HighLevelCalls.Resource.company(app, CompanyId.of(company.get()));
        Map<String, List<String>> given = new LinkedHashMap<>();
        headers.forEach((name, values) -> given.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        String path = request.getUri().getRawPath();
        HighLevelCalls.HighLevelCall call = new HighLevelCalls.HighLevelCall(resource, request.getMethodName(),
            path.startsWith("/") ? path.substring(1) : path, Optional.ofNullable(request.getUri().getRawQuery()),
            given, new byte[0], maxWait);
        AtomicReference<HttpResponse<?>> answer = new AtomicReference<>();
        HighLevelCallResult result = calls.get().call(Caller.IN_PROCESS, call, attempt -> send(request, chain, attempt,
            answer));
        if (result instanceof HighLevelCallResult.Answered && answer.get() != null) {
            return answer.get();
        }
        throw new HighLevelCallRefusedException(result);
    }

    /** Sends one attempt on the client's own chain: only the headers the hub lets cross, with the attempt's token. */
    private static HighLevelApi.ApiResponse send(MutableHttpRequest<?> request, ClientFilterChain chain,
                                                 HighLevelApi.ApiRequest attempt,
                                                 AtomicReference<HttpResponse<?>> answer) {
        MutableHttpHeaders headers = request.getHeaders();
        for (String name : List.copyOf(headers.names())) {
            if (!attempt.headers().containsKey(name.toLowerCase(Locale.ROOT))) {
                headers.remove(name);
            }
        }
        attempt.headers().forEach((name, values) -> {
            headers.remove(name);
            values.forEach(value -> headers.add(name, value));
        });
        request.bearerAuth(attempt.bearer().value());
        request.setAttribute(SENDING, Boolean.TRUE);
        try {
            HttpResponse<?> response = first(chain.proceed(request));
            answer.set(response);
            return answered(response);
        } catch (HttpClientResponseException e) {
            answer.set(e.getResponse());
            return answered(e.getResponse());
        } catch (ReadTimeoutException e) {
            return new HighLevelApi.NoAnswer(true, "read timeout");
        } catch (HttpClientException e) {
            return new HighLevelApi.NoAnswer(true, e.getClass().getSimpleName());
        }
    }

    /** Waits for the one response a client chain emits (this runs on a blocking thread). */
    private static HttpResponse<?> first(Publisher<? extends HttpResponse<?>> responses) {
        CompletableFuture<HttpResponse<?>> first = new CompletableFuture<>();
        responses.subscribe(new Subscriber<HttpResponse<?>>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HttpResponse<?> response) {
                first.complete(response);
            }

            @Override
            public void onError(Throwable failure) {
                first.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                first.completeExceptionally(new HttpClientException("the client answered nothing"));
            }
        });
        try {
            return first.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static HighLevelApi.Answered answered(HttpResponse<?> response) {
        Map<String, List<String>> copied = new LinkedHashMap<>();
        response.getHeaders().forEach((name, values) -> copied.computeIfAbsent(name.toLowerCase(Locale.ROOT),
            n -> new ArrayList<>()).addAll(values));
        return new HighLevelApi.Answered(response.code(), copied, new byte[0],
            RateLimitHeaders.signal(response.code(), response.getHeaders()));
    }
}
