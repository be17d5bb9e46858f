package io.accesshub.adapter.http.console;

import static io.accesshub.adapter.http.console.ConsoleController.row;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.BudgetSummary;
import io.accesshub.application.port.in.ConsoleOperator;
import io.accesshub.application.port.in.ViewBudgetsUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /console/budgets}: the shared HighLevel rate budgets of the whole fleet drawn on today, most calls today
 * first, {@value #PAGE_SIZE} a page ({@link ViewBudgetsUseCase#busiest}): which agency or location is about to run out.
 */
@Hidden
@Controller("/console/budgets")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleBudgetsController {

    static final int PAGE_SIZE = 25;

    private final ViewBudgetsUseCase budgets;
    private final ConsolePages pages;

    public ConsoleBudgetsController(ViewBudgetsUseCase budgets, ConsolePages pages) {
        this.budgets = budgets;
        this.pages = pages;
    }

    @Get
    public MutableHttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String page) {
        Optional<ConsoleOperator> operator = pages.operator(request);
        if (operator.isEmpty()) {
            return pages.toSignIn(request);
        }
        Map<String, Object> model = pages.model(operator.get(), "budgets", "Budgets");
        int pageNumber = ConsolePages.pageNumber(page);
        Optional<MutableHttpResponse<?>> refused = pages.refusedPageNumber(pageNumber, "console/budgets", model);
        if (refused.isPresent()) {
            return refused.get();
        }
        Page<BudgetSummary> found = budgets.busiest(PageRequest.of((pageNumber - 1) * PAGE_SIZE, PAGE_SIZE));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BudgetSummary budget : found.items()) {
            rows.add(row("app", budget.appId().value(), "resource", budget.resourceId(),
                "burst", budget.burstUsed() + " of " + budget.burstLimit(),
                "daily", budget.dailyUsed() + " of " + budget.dailyLimit(),
                "dailyShare", percent(budget.dailyUsed(), budget.dailyLimit()), "reserve", budget.reserve()));
        }
        model.put("rows", rows);
        ConsolePages.pager(model, found, pageNumber, n -> "/console/budgets?page=" + n);
        return pages.page(HttpStatus.OK, "console/budgets", model);
    }

    private static String percent(long used, long limit) {
        return limit <= 0 ? "—" : Math.min(100, used * 100 / limit) + " %";
    }
}
