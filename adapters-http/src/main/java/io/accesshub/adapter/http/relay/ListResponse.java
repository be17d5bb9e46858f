package io.accesshub.adapter.http.relay;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of items, newest first; {@code nextBefore} is the {@code before} of the next page, null on the last. */
@Serdeable
public record ListResponse<T>(List<T> items, @Nullable Long nextBefore) {
}
