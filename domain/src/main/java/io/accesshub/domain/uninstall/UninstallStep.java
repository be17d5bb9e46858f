package io.accesshub.domain.uninstall;

import java.util.Objects;

/** What the hub does after one attempt of a developer uninstall. */
public sealed interface UninstallStep {

    /** The app is gone from HighLevel: record the installation as uninstalled and forget the request. */
    record Complete() implements UninstallStep {
    }

    /** Keep the request and try again as {@code next} says. */
    record RetryLater(UninstallRequest next) implements UninstallStep {
        public RetryLater {
            Objects.requireNonNull(next, "next");
        }
    }
}
