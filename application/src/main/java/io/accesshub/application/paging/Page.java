package io.accesshub.application.paging;

import io.accesshub.domain.shared.DomainException;

import java.util.List;
import java.util.Objects;

/** One slice of an ordered listing, with the total number of matching items. */
public record Page<T>(List<T> items, long totalCount, PageRequest request) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(request, "request");
        DomainException.require(totalCount >= 0, "total count must not be negative");
        DomainException.require(items.size() <= request.limit(), "a page holds at most its limit");
    }

    /** Whether items exist after this page. */
    public boolean hasNext() {
        return request.offset() + (long) items.size() < totalCount;
    }
}
