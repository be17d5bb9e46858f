package io.accesshub.adapter.http.console;

import static io.accesshub.adapter.http.console.ConsoleController.row;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.port.in.ConsoleActionsUseCase;
import io.accesshub.application.port.in.ConsoleOperator;
import io.accesshub.application.port.in.ManageDeadLettersUseCase;
import io.accesshub.application.port.in.ManageDeadLettersUseCase.DeadLetterView;
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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /console/dead-letters}: webhooks whose handling kept failing ({@link ManageDeadLettersUseCase}), oldest first,
 * {@value #PAGE_SIZE} a page, each with a replay button: a POST carrying the session's CSRF token, recorded in the
 * console audit ({@link ConsoleActionsUseCase#replayDeadLetter}), answered 303 back to the same page of the list
 * (post/redirect/get).
 */
@Hidden
@Controller("/console/dead-letters")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConsoleDeadLettersController {

    static final int PAGE_SIZE = 25;

    private final ManageDeadLettersUseCase deadLetters;
    private final ConsoleActionsUseCase actions;
    private final ConsolePages pages;

    public ConsoleDeadLettersController(ManageDeadLettersUseCase deadLetters, ConsoleActionsUseCase actions,
                                        ConsolePages pages) {
        this.deadLetters = deadLetters;
        this.actions = actions;
        this.pages = pages;
    }

    @Get
    public MutableHttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String replayed,
                                       @Nullable @QueryValue String missing, @Nullable @QueryValue String page) {
        Optional<ConsoleOperator> operator = pages.operator(request);
        if (operator.isEmpty()) {
            return pages.toSignIn(request);
        }
        Map<String, Object> model = pages.model(operator.get(), "dead-letters", "Dead letters");
        int pageNumber = ConsolePages.pageNumber(page);
        Optional<MutableHttpResponse<?>> refused = pages.refusedPageNumber(pageNumber, "console/dead-letters", model);
        if (refused.isPresent()) {
            return refused.get();
        }
        Page<DeadLetterView> found = deadLetters.deadLetters(PageRequest.of((pageNumber - 1) * PAGE_SIZE, PAGE_SIZE));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DeadLetterView letter : found.items()) {
            rows.add(row("id", letter.id(), "webhookId", letter.webhookId(),
                "kind", letter.otherType().map(t -> "other: " + t)
                    .orElse(letter.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')),
                "attempts", letter.attempts(), "received", ConsolePages.time(letter.receivedAt()),
                "receivedAgo", pages.relative(letter.receivedAt()), "error", letter.lastError()));
        }
        model.put("rows", rows);
        model.put("pageNumber", pageNumber);
        ConsolePages.pager(model, found, pageNumber, n -> "/console/dead-letters?page=" + n);
        model.put("notice", digits(replayed) ? "Dead letter " + replayed + " is back in the queue." : null);
        model.put("error", digits(missing) ? "There is no dead letter " + missing + " (already replayed?)." : null);
        return pages.page(HttpStatus.OK, "console/dead-letters", model);
    }

    @Post(value = "/{id}/replay", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> replay(HttpRequest<?> request, @PathVariable long id,
                                         @Nullable @Body Map<String, Object> form) {
        Optional<ConsoleOperator> operator = pages.operator(request);
        if (operator.isEmpty()) {
            return pages.toSignIn(request);
        }
        if (!ConsolePages.csrfMatches(operator.get(), form)) {
            return pages.csrfRefused(operator.get());
        }
        boolean replayed = actions.replayDeadLetter(operator.get(), id);
        Object page = form.get("page");
        String back = page instanceof String number && digits(number) && ConsolePages.pageNumber(number) > 1
            ? "&page=" + ConsolePages.pageNumber(number) : "";
        return HttpResponse.seeOther(URI.create("/console/dead-letters?" + (replayed ? "replayed=" : "missing=") + id
                + back))
            .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static boolean digits(@Nullable String value) {
        return value != null && !value.isEmpty() && value.length() <= 19 && value.chars().allMatch(Character::isDigit);
    }
}
