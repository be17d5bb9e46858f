package io.accesshub.adapter.http.installations;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of installations with the total count and the paging that produced it. */
@Serdeable
public record InstallationPageResponse(List<InstallationResponse> items, long totalCount, int offset, int limit,
                                       boolean hasNext) {
}
