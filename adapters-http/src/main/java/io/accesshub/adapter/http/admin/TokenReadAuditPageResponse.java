package io.accesshub.adapter.http.admin;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of the token-read audit, newest minute first, with the total count and the paging that produced it. */
@Serdeable
public record TokenReadAuditPageResponse(List<TokenReadCountResponse> items, long totalCount, int offset, int limit,
                                         boolean hasNext) {
}
