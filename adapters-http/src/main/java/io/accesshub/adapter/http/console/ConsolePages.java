package io.accesshub.adapter.http.console;

import io.accesshub.application.paging.Page;
import io.accesshub.application.port.in.ConsoleOperator;
import io.accesshub.application.port.in.ConsoleSessionsUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What every console page shares: resolving the session behind a request (the key is checked again each time), the
 * page model (operator name, CSRF token, active section) and the response (HTML, never cached), plus how times read.
 */
@Singleton
public class ConsolePages {

    /** The form field carrying the session's CSRF token. */
    public static final String CSRF_FIELD = "csrf";
    /** The highest page number a list accepts. */
    public static final int MAX_PAGE = 100_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    private final ConsoleSessionsUseCase sessions;
    private final ConsoleCookies cookies;
    private final Clock clock;

    public ConsolePages(ConsoleSessionsUseCase sessions, ConsoleCookies cookies, Clock clock) {
        this.sessions = sessions;
        this.cookies = cookies;
        this.clock = clock;
    }

    /** The operator of the request's session, if it has a valid one. */
    public Optional<ConsoleOperator> operator(HttpRequest<?> request) {
        return cookies.session(request).flatMap(sessions::resume);
    }

    /** Where a request without a valid session goes: the sign-in page (303, so a POST becomes a GET). */
    public MutableHttpResponse<?> toSignIn(HttpRequest<?> request) {
        MutableHttpResponse<?> response = HttpResponse.seeOther(URI.create("/console/sign-in"))
            .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (cookies.session(request).isPresent()) {
            response.cookie(cookies.clearSession(request));
        }
        return response;
    }

    /** A page's model: the operator, the CSRF token of its forms, the section to highlight and the title. */
    public Map<String, Object> model(ConsoleOperator operator, String section, String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("operator", operator.keyName());
        model.put("csrf", operator.csrfToken());
        model.put("section", section);
        model.put("title", title);
        return model;
    }

    /** The rendered page with this status; never cached. */
    public MutableHttpResponse<?> page(HttpStatus status, String view, Map<String, Object> model) {
        return HttpResponse.status(status).contentType(MediaType.TEXT_HTML_TYPE)
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .body(new ModelAndView<>(view, model));
    }

    /** A page answering 403 because a form carried no or another session's CSRF token. */
    public MutableHttpResponse<?> csrfRefused(ConsoleOperator operator) {
        Map<String, Object> model = model(operator, "", "Form expired");
        model.put("message", "This form was not issued by your current session (or it expired). Reload the page and "
            + "try again.");
        return page(HttpStatus.FORBIDDEN, "console/message", model);
    }

    /** Whether the form's CSRF token belongs to the operator's session. */
    public static boolean csrfMatches(ConsoleOperator operator, @Nullable Map<String, ?> form) {
        Object token = form == null ? null : form.get(CSRF_FIELD);
        return token instanceof String value && operator.acceptsCsrf(value);
    }

    /** A time as the console shows it, {@code "—"} for none. */
    public static String time(Optional<Instant> instant) {
        return instant.map(TIME::format).orElse("—");
    }

    /** A time as the console shows it. */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** How long ago (or, for a future time, in how long) relative to now: {@code "5 min ago"}, {@code "in 2 h"}. */
    public String relative(Instant instant) {
        return relative(instant, clock.instant());
    }

    /** The same relative to a given now. */
    public static String relative(Instant instant, Instant now) {
        Duration between = Duration.between(instant, now);
        boolean future = between.isNegative();
        String amount = human(between.abs());
        return future ? "in " + amount : amount + " ago";
    }

    /** A duration in its largest whole unit: {@code "40 s"}, {@code "12 min"}, {@code "3 h"}, {@code "5 d"}. */
    public static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400 * 2) {
            return seconds / 3600 + " h";
        }
        return seconds / 86_400 + " d";
    }

    /**
     * The page number a {@code page} query value asks for: 1 when absent, 0 (invalid) when not a number or past
     * {@value #MAX_PAGE} (so an offset always fits an int).
     */
    public static int pageNumber(@Nullable String page) {
        if (page == null || page.isBlank()) {
            return 1;
        }
        try {
            int number = Integer.parseInt(page.trim());
            return number > MAX_PAGE ? 0 : number;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The 400 page of a list asked for a page number below 1 (the number as {@link #pageNumber} read it), showing the
     * list empty with the reason; empty when the number is usable.
     */
    public Optional<MutableHttpResponse<?>> refusedPageNumber(int pageNumber, String view, Map<String, Object> model) {
        if (pageNumber >= 1) {
            return Optional.empty();
        }
        model.put("error", "The page is a number from 1.");
        model.put("rows", List.of());
        model.put("total", 0L);
        return Optional.of(page(HttpStatus.BAD_REQUEST, view, model));
    }

    /**
     * Puts what the pager fragment ({@code console/layout :: pager}) shows into the model: the range shown, the total,
     * page {@code number} of how many, and links to the previous and next pages made by {@code link}.
     */
    public static void pager(Map<String, Object> model, Page<?> found, int number, IntFunction<String> link) {
        int size = found.request().limit();
        long first = (long) (number - 1) * size;
        model.put("total", found.totalCount());
        model.put("page", number);
        model.put("pages", Math.max(1, (found.totalCount() + size - 1) / size));
        model.put("firstShown", found.items().isEmpty() ? 0 : first + 1);
        model.put("lastShown", first + found.items().size());
        model.put("previous", number > 1 ? link.apply(number - 1) : null);
        model.put("next", found.hasNext() ? link.apply(number + 1) : null);
    }

    /** The hub's clock. */
    public Instant now() {
        return clock.instant();
    }
}
