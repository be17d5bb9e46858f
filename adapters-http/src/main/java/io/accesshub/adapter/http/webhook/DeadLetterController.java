package io.accesshub.adapter.http.webhook;

import io.accesshub.adapter.http.problem.Problem;
import io.accesshub.adapter.http.problem.Problems;
import io.accesshub.domain.access.Permission;
import io.accesshub.application.port.in.ManageDeadLettersUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.Map;

/** Admin API for dead-lettered webhooks: {@code GET /api/v1/admin/webhooks/dead-letters} and replay by id. */
@Controller("/api/v1/admin/webhooks/dead-letters")
@Secured(Permission.ADMIN_ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeadLetterController {

    private final ManageDeadLettersUseCase deadLetters;

    public DeadLetterController(ManageDeadLettersUseCase deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Get
    public MutableHttpResponse<?> list(@Nullable @QueryValue Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            return Problems.response(Problem.of(400, "invalid_paging", "Invalid limit", "limit is 1 to 1000."));
        }
        return HttpResponse.ok(Map.of("items", deadLetters.deadLetters(size).stream().map(DeadLetterResponse::of).toList()));
    }

    @Post("/{id}/replay")
    public MutableHttpResponse<?> replay(@PathVariable long id) {
        if (!deadLetters.replay(id)) {
            return Problems.response(Problem.of(404, "not_found", "No such dead letter", "No dead letter has this id."));
        }
        return HttpResponse.ok(Map.of("replayed", id));
    }
}
