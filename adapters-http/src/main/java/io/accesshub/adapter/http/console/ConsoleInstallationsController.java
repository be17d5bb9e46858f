package io.accesshub.adapter.http.console;

import static io.accesshub.adapter.http.console.ConsoleController.label;
import static io.accesshub.adapter.http.console.ConsoleController.row;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.ConsoleOperator;
import io.accesshub.application.port.in.GetInstallationUseCase;
import io.accesshub.application.port.in.GrantSummary;
import io.accesshub.application.port.in.InstallationQuery;
import io.accesshub.application.port.in.InstallationSummary;
import io.accesshub.application.port.in.ListInstallationsUseCase;
import io.accesshub.application.port.in.BudgetQuery;
import io.accesshub.application.port.in.BudgetSummary;
import io.accesshub.application.port.in.ViewBudgetsUseCase;
import io.accesshub.application.port.in.ViewInstallationHistoryUseCase;
import io.accesshub.domain.access.AccessScope;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@code /console/installations}: the installations of every tenant filtered by app, company, location and status,
 * 25 a page ({@link ListInstallationsUseCase}), and one installation's detail ({@link GetInstallationUseCase}) with
 * its grant's refresh history, its recent lifecycle events ({@link ViewInstallationHistoryUseCase}), the use of its
 * shared HighLevel rate budgets ({@link ViewBudgetsUseCase}) and, for an agency, its locations
 * {@value #AGENCY_LOCATIONS_SHOWN} a page ({@code ?page=}); never a token.
 */
@Hidden
@Controller("/console/installations")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleInstallationsController {

    static final int PAGE_SIZE = 25;

    static final int EVENTS_SHOWN = 20;
    static final int AGENCY_LOCATIONS_SHOWN = 50;

    private final ListInstallationsUseCase list;
    private final GetInstallationUseCase get;
    private final ViewInstallationHistoryUseCase history;
    private final ViewBudgetsUseCase budgets;
    private final ConsolePages pages;

    public ConsoleInstallationsController(ListInstallationsUseCase list, GetInstallationUseCase get,
                                          ViewInstallationHistoryUseCase history, ViewBudgetsUseCase budgets,
                                          ConsolePages pages) {
        this.list = list;
        this.get = get;
        this.history = history;
        this.budgets = budgets;
        this.pages = pages;
    }

    @Get
    public MutableHttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String appId,
                                       @Nullable @QueryValue String companyId, @Nullable @QueryValue String locationId,
                                       @Nullable @QueryValue String status, @Nullable @QueryValue String page) {
        Optional<ConsoleOperator> operator = pages.operator(request);
        if (operator.isEmpty()) {
            return pages.toSignIn(request);
        }
        Map<String, Object> model = pages.model(operator.get(), "installations", "Installations");
        String app = trimmed(appId);
        String company = trimmed(companyId);
        String location = trimmed(locationId);
        String state = trimmed(status).toUpperCase(Locale.ROOT);
        model.put("appId", app);
        model.put("companyId", company);
        model.put("locationId", location);
        model.put("status", state);
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (InstallationStatus s : InstallationStatus.values()) {
            statuses.add(row("value", s.name(), "label", label(s)));
        }
        model.put("statuses", statuses);
        InstallationQuery query = InstallationQuery.all();
        List<String> problems = new ArrayList<>();
        try {
            if (!app.isEmpty()) {
                query = query.withApp(MarketplaceAppId.of(app));
            }
        } catch (RuntimeException e) {
            problems.add("The app id is not a HighLevel app id.");
        }
        try {
            if (!company.isEmpty()) {
                query = query.withCompany(CompanyId.of(company));
            }
        } catch (RuntimeException e) {
            problems.add("The company id is not a HighLevel id.");
        }
        try {
            if (!location.isEmpty()) {
                query = query.withLocation(LocationId.of(location));
            }
        } catch (RuntimeException e) {
            problems.add("The location id is not a HighLevel id.");
        }
        try {
            if (!state.isEmpty()) {
                query = query.withStatus(InstallationStatus.valueOf(state));
            }
        } catch (IllegalArgumentException e) {
            problems.add("Pick a status from the list.");
        }
        int pageNumber = ConsolePages.pageNumber(page);
        if (pageNumber < 1) {
            problems.add("The page is a number from 1.");
        }
        if (!problems.isEmpty()) {
            model.put("error", String.join(" ", problems));
            model.put("rows", List.of());
            model.put("total", 0L);
            return pages.page(HttpStatus.BAD_REQUEST, "console/installations", model);
        }
        Page<InstallationSummary> found = list.list(query, PageRequest.of((pageNumber - 1) * PAGE_SIZE, PAGE_SIZE));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InstallationSummary summary : found.items()) {
            rows.add(row("id", summary.id().toString(), "app", summary.key().appId().value(),
                "company", summary.key().companyId().value(),
                "location", summary.key().locationId().map(LocationId::value).orElse("— (agency)"),
                "status", label(summary.status()), "reason", summary.reason().name(),
                "lastRefresh", summary.grant().flatMap(GrantSummary::lastRefreshedAt).map(pages::relative).orElse("—"),
                "failures", summary.grant().map(GrantSummary::consecutiveFailures).orElse(0)));
        }
        model.put("rows", rows);
        ConsolePages.pager(model, found, pageNumber, n -> link(app, company, location, state, n));
        return pages.page(HttpStatus.OK, "console/installations", model);
    }

    @Get("/{id}")
    public MutableHttpResponse<?> detail(HttpRequest<?> request, @PathVariable String id,
                                         @Nullable @QueryValue String page) {
        Optional<ConsoleOperator> operator = pages.operator(request);
        if (operator.isEmpty()) {
            return pages.toSignIn(request);
        }
        int pageNumber = ConsolePages.pageNumber(page);
        if (pageNumber < 1) {
            Map<String, Object> model = pages.model(operator.get(), "installations", "Invalid page");
            model.put("message", "The page is a number from 1.");
            return pages.page(HttpStatus.BAD_REQUEST, "console/message", model);
        }
        Optional<InstallationSummary> found;
        try {
            found = get.get(InstallationId.parse(id));
        } catch (RuntimeException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            Map<String, Object> model = pages.model(operator.get(), "installations", "No such installation");
            model.put("message", "No installation has this id.");
            return pages.page(HttpStatus.NOT_FOUND, "console/message", model);
        }
        InstallationSummary summary = found.get();
        Map<String, Object> model = pages.model(operator.get(), "installations", "Installation");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("Id", summary.id().toString());
        facts.put("App", summary.key().appId().value());
        facts.put("Company", summary.key().companyId().value());
        facts.put("Location", summary.key().locationId().map(LocationId::value).orElse("— (agency install)"));
        facts.put("Installed by", summary.userType().name().toLowerCase(Locale.ROOT));
        facts.put("Status", label(summary.status()) + " (" + summary.reason().name() + ")");
        facts.put("Status since", when(summary.statusChangedAt()));
        facts.put("Installed", when(summary.createdAt()));
        facts.put("Last lifecycle change", when(summary.lastLifecycleChangeAt()));
        model.put("facts", facts);
        model.put("heading", summary.key().locationId().map(l -> "Location " + l.value())
            .orElse("Agency " + summary.key().companyId().value()));
        Map<String, Object> grant = new LinkedHashMap<>();
        summary.grant().ifPresent(g -> {
            grant.put("Source", g.source().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            grant.put("Issued", when(g.issuedAt()));
            grant.put("Refresh token age", ConsolePages.human(g.refreshTokenAge()));
            grant.put("Access token expires", when(g.accessTokenExpiresAt()));
            grant.put("Last refresh", g.lastRefreshedAt().map(this::when).orElse("never"));
            grant.put("Last attempt", g.lastAttemptAt().map(this::when).orElse("never"));
            grant.put("Consecutive failures", Integer.toString(g.consecutiveFailures()));
            grant.put("Scopes", g.scopes().toString());
        });
        model.put("grant", grant);
        List<Map<String, Object>> events = new ArrayList<>();
        for (InstallationEvent event : history.history(summary.id(), EVENTS_SHOWN)) {
            events.add(row("at", when(event.occurredAt()), "type", words(event.type().name()),
                "status", label(event.status()), "reason", event.reason().name()));
        }
        model.put("events", events);
        List<Map<String, Object>> budgetRows = new ArrayList<>();
        BudgetQuery query = new BudgetQuery(Optional.of(summary.key().companyId()), summary.key().locationId());
        for (BudgetSummary budget : budgets.view(AccessScope.unrestricted(), query)) {
            if (budget.appId().equals(summary.key().appId())) {
                budgetRows.add(row("resource", budget.resourceId().equals(summary.key().companyId().value())
                        ? "agency " + budget.resourceId() : "location " + budget.resourceId(),
                    "burst", budget.burstUsed() + " of " + budget.burstLimit(),
                    "daily", budget.dailyUsed() + " of " + budget.dailyLimit(), "reserve", budget.reserve()));
            }
        }
        model.put("budgets", budgetRows);
        List<Map<String, Object>> agencyLocations = new ArrayList<>();
        long locationCount = 0;
        if (summary.key().locationId().isEmpty()) {
            Page<InstallationSummary> ofAgency = list.list(InstallationQuery.all().withApp(summary.key().appId())
                    .withCompany(summary.key().companyId()).withUserType(UserType.LOCATION),
                PageRequest.of((pageNumber - 1) * AGENCY_LOCATIONS_SHOWN, AGENCY_LOCATIONS_SHOWN));
            for (InstallationSummary location : ofAgency.items()) {
                agencyLocations.add(row("id", location.id().toString(),
                    "location", location.key().locationId().map(LocationId::value).orElse("—"),
                    "status", label(location.status()),
                    "source", location.grant().map(g -> words(g.source().name())).orElse("—")));
            }
            locationCount = ofAgency.totalCount();
            String self = "/console/installations/" + summary.id() + "?page=";
            ConsolePages.pager(model, ofAgency, pageNumber, n -> self + n);
        }
        model.put("agencyLocations", agencyLocations);
        model.put("agencyLocationCount", locationCount);
        model.put("agencyLink", summary.key().locationId().isPresent()
            ? "/console/installations?companyId=" + encode(summary.key().companyId().value()) : null);
        model.put("locationsLink", summary.key().locationId().isEmpty()
            ? "/console/installations?companyId=" + encode(summary.key().companyId().value()) : null);
        return pages.page(HttpStatus.OK, "console/installation", model);
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private String when(java.time.Instant instant) {
        return ConsolePages.time(instant) + " (" + pages.relative(instant) + ")";
    }

    private static String link(String app, String company, String location, String status, int page) {
        StringJoiner query = new StringJoiner("&", "/console/installations?", "");
        if (!app.isEmpty()) {
            query.add("appId=" + encode(app));
        }
        if (!company.isEmpty()) {
            query.add("companyId=" + encode(company));
        }
        if (!location.isEmpty()) {
            query.add("locationId=" + encode(location));
        }
        if (!status.isEmpty()) {
            query.add("status=" + encode(status));
        }
        query.add("page=" + page);
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String trimmed(@Nullable String value) {
        return value == null ? "" : value.trim();
    }
}
