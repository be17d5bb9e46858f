package io.accesshub.domain.exchange;

import io.accesshub.domain.installation.StateReason;

import java.util.Objects;

/** What {@link CompanyCascade} says to do to one location installation after its agency's installation changed. */
public sealed interface CascadeStep {

    /** Leave the location installation alone. */
    record Nothing(String explanation) implements CascadeStep {
        public Nothing {
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /** Mark it needs-reauth for {@code reason} (its agency grant is lost). */
    record MarkNeedsReauth(StateReason reason) implements CascadeStep {
        public MarkNeedsReauth {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Uninstall it for {@code reason} and erase its grant (its agency removed the app). */
    record Uninstall(StateReason reason) implements CascadeStep {
        public Uninstall {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
