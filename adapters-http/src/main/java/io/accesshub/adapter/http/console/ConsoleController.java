package io.accesshub.adapter.http.console;

import io.accesshub.application.port.in.ConsoleActionsUseCase;
import io.accesshub.application.port.in.ConsoleOperator;
import io.accesshub.application.port.in.ConsoleSessionsUseCase;
import io.accesshub.application.port.in.ConsoleSessionsUseCase.SignIn;
import io.accesshub.application.port.in.ConsoleSessionsUseCase.SignInForm;
import io.accesshub.application.port.in.ConsoleSessionsUseCase.SignInRefusal;
import io.accesshub.application.port.in.ConsoleSessionsUseCase.SignInResult;
import io.accesshub.application.port.in.ViewFleetOverviewUseCase;
import io.accesshub.domain.console.ConsoleAuditEntry;
import io.accesshub.domain.fleet.FleetSnapshot;
import io.accesshub.domain.installation.InstallationStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's entry: {@code GET/POST /console/sign-in} (an unscoped admin API key typed into a form; the form is a
 * signed double submit against login CSRF), {@code POST /console/sign-out}, the overview at {@code /console} and the
 * audit at {@code /console/audit}. The routes are anonymous to Micronaut Security: API keys never authenticate here,
 * and the session cookie never authenticates the API; each page resolves its session itself.
 */
@Hidden
@Controller("/console")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleController {

    private final ConsoleSessionsUseCase sessions;
    private final ConsoleActionsUseCase actions;
    private final ViewFleetOverviewUseCase fleet;
    private final ConsoleCookies cookies;
    private final ConsolePages pages;

    public ConsoleController(ConsoleSessionsUseCase sessions, ConsoleActionsUseCase actions,
                             ViewFleetOverviewUseCase fleet, ConsoleCookies cookies, ConsolePages pages) {
        this.sessions = sessions;
        this.actions = actions;
        this.fleet = fleet;
        this.cookies = cookies;
        this.pages = pages;
    }

    @Get("/sign-in")
    public MutableHttpResponse<?> signInPage(HttpRequest<?> request, @Nullable @QueryValue String signedOut) {
        if (pages.operator(request).isPresent()) {
            return HttpResponse.seeOther(URI.create("/console")).header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return signInForm(request, HttpStatus.OK, signedOut != null ? "You are signed out." : null, null);
    }

    @Post(value = "/sign-in", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> signIn(HttpRequest<?> request, @Nullable @Body Map<String, Object> form) {
        String key = field(form, "apiKey").orElse("");
        if (key.isBlank()) {
            return signInForm(request, HttpStatus.BAD_REQUEST, null, "Enter an admin API key.");
        }
        SignInResult result = sessions.signIn(new SignIn(key, cookies.signIn(request), field(form, "form")));
        if (result instanceof SignInResult.SignedIn signedIn) {
            return HttpResponse.seeOther(URI.create("/console"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .cookie(cookies.session(request, signedIn.token().value()))
                .cookie(cookies.clearSignIn(request));
        }
        SignInRefusal reason = ((SignInResult.Refused) result).reason();
        HttpStatus status = switch (reason) {
            case FORM_EXPIRED -> HttpStatus.BAD_REQUEST;
            case UNKNOWN_KEY -> HttpStatus.UNAUTHORIZED;
            case NOT_ADMIN, SCOPED -> HttpStatus.FORBIDDEN;
        };
        return signInForm(request, status, null, reason.message());
    }

    @Post(value = "/sign-out", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> signOut(HttpRequest<?> request, @Nullable @Body Map<String, Object> form) {
        Optional<ConsoleOperator> operator = pages.operator(request);
        if (operator.isEmpty()) {
            return pages.toSignIn(request);
        }
        if (!ConsolePages.csrfMatches(operator.get(), form)) {
            return pages.csrfRefused(operator.get());
        }
        sessions.signOut(operator.get());
        return HttpResponse.seeOther(URI.create("/console/sign-in?signedOut=1"))
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .cookie(cookies.clearSession(request));
    }

    @Get
    public MutableHttpResponse<?> overview(HttpRequest<?> request) {
        Optional<ConsoleOperator> operator = pages.operator(request);
        if (operator.isEmpty()) {
            return pages.toSignIn(request);
        }
        FleetSnapshot snapshot = fleet.overview();
        Map<String, Object> model = pages.model(operator.get(), "overview", "Overview");
        List<Map<String, Object>> statuses = new ArrayList<>();
        snapshot.byStatus().forEach((status, count) -> statuses.add(row("status", status.name(),
            "label", label(status), "count", count)));
        model.put("statuses", statuses);
        model.put("total", snapshot.totalInstallations());
        List<Map<String, Object>> perApp = new ArrayList<>();
        snapshot.installations().forEach(c -> perApp.add(row("app", c.appId(), "status", c.status().name(),
            "label", label(c.status()), "count", c.count())));
        model.put("perApp", perApp);
        model.put("overdue", snapshot.overdueGrants());
        model.put("failing", snapshot.failingGrants());
        model.put("due", snapshot.dueGrants());
        model.put("nextRefresh", snapshot.nextRefreshAt().map(at -> ConsolePages.time(at) + " ("
            + ConsolePages.relative(at, snapshot.readAt()) + ")").orElse("nothing scheduled"));
        model.put("inboxDepth", snapshot.inboxDepth());
        model.put("deadLetters", snapshot.deadLetters());
        model.put("provisioning", snapshot.provisioningDepth());
        model.put("parked", snapshot.parkedEvents());
        model.put("attention", snapshot.needsAttention());
        model.put("readAt", ConsolePages.time(snapshot.readAt()));
        return pages.page(HttpStatus.OK, "console/overview", model);
    }

    @Get("/audit")
    public MutableHttpResponse<?> audit(HttpRequest<?> request) {
        Optional<ConsoleOperator> operator = pages.operator(request);
        if (operator.isEmpty()) {
            return pages.toSignIn(request);
        }
        Map<String, Object> model = pages.model(operator.get(), "audit", "Console audit");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ConsoleAuditEntry entry : actions.recentActions(200)) {
            entries.add(row("at", ConsolePages.time(entry.at()), "who", entry.keyName(),
                "action", entry.action().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                "target", entry.target().isEmpty() ? "—" : entry.target(), "outcome", entry.outcome()));
        }
        model.put("entries", entries);
        return pages.page(HttpStatus.OK, "console/audit", model);
    }

    private MutableHttpResponse<?> signInForm(HttpRequest<?> request, HttpStatus status, @Nullable String notice,
                                              @Nullable String error) {
        SignInForm form = sessions.signInForm();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Sign in");
        model.put("formToken", form.formToken());
        model.put("notice", notice);
        model.put("error", error);
        return pages.page(status, "console/sign-in", model)
            .cookie(cookies.signIn(request, form.browserValue(), form.lifetime()));
    }

    /** A single-valued form field (a repeated field counts as missing). */
    static Optional<String> field(@Nullable Map<String, Object> form, String name) {
        Object value = form == null ? null : form.get(name);
        return value instanceof String text ? Optional.of(text) : Optional.empty();
    }

    /** A status as the console words it. */
    static String label(InstallationStatus status) {
        String words = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A table row from name/value pairs. */
    static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }
}
