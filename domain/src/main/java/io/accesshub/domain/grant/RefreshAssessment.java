package io.accesshub.domain.grant;

import java.time.Instant;
import java.util.Objects;

/** What {@link RefreshTiming} says about one grant at one instant. */
public sealed interface RefreshAssessment {

    /** The instant from which the grant is (or will be) due. */
    Instant dueAt();

    /** Whether a refresh is due now. */
    default boolean isDue() {
        return this instanceof Due;
    }

    /** Nothing to do before {@code dueAt}. */
    record NotDue(Instant dueAt) implements RefreshAssessment {
        public NotDue {
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    /** A refresh is due, for {@code reason}, since {@code dueAt}. */
    record Due(RefreshDue reason, Instant dueAt) implements RefreshAssessment {
        public Due {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }
}
