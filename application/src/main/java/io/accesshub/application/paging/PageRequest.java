package io.accesshub.application.paging;

import io.accesshub.domain.shared.DomainException;

/** Which slice of an ordered listing to return: skip {@code offset} items, return at most {@code limit}. */
public record PageRequest(int offset, int limit) {

    /** The largest page a caller may ask for. */
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        DomainException.require(offset >= 0, "offset must not be negative");
        DomainException.require(limit >= 1 && limit <= MAX_LIMIT, "limit must be between 1 and " + MAX_LIMIT);
    }

    public static PageRequest of(int offset, int limit) {
        return new PageRequest(offset, limit);
    }

    /** The first page of {@code limit} items. */
    public static PageRequest first(int limit) {
        return new PageRequest(0, limit);
    }

    /** The page after this one. */
    public PageRequest next() {
        return new PageRequest(offset + limit, limit);
    }
}
