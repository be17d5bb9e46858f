package io.accesshub.domain.webhook;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.PlanId;
import java.util.Objects;
import java.util.Optional;

/**
 * A marketplace webhook translated once, at the edge, into the hub's vocabulary: an install, an uninstall, a new
 * location in an agency, a plan change, or any other event the hub does not interpret itself (handed to extensions).
 */
public sealed interface MarketplaceEvent {

    /** Which of the event kinds this is (for storage and display; code switches over the sealed type instead). */
    Kind kind();

    /** Whether the event states that an app is or is no longer installed (and so must be stamped in time). */
    default boolean isLifecycleSignal() {
        return this instanceof Install || this instanceof Uninstall;
    }

    /** The kinds of marketplace events. */
    enum Kind {
        INSTALL, UNINSTALL, LOCATION_CREATED, PLAN_CHANGED, OTHER
    }

    /**
     * The app was installed for a location ({@code location} present) or for an agency ({@code location} empty), on
     * a plan when the app sells several.
     */
    record Install(CompanyId company, Optional<LocationId> location, Optional<PlanId> plan)
        implements MarketplaceEvent {
        public Install {
            Objects.requireNonNull(company, "company");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(plan, "plan");
        }

        /** Whether this is an agency (Company) install. */
        public boolean isAgencyInstall() {
            return location.isEmpty();
        }

        @Override
        public Kind kind() {
            return Kind.INSTALL;
        }
    }

    /** The app was removed from a location (when {@code location} is present) or from an agency. */
    record Uninstall(Optional<CompanyId> company, Optional<LocationId> location) implements MarketplaceEvent {
        public Uninstall {
            Objects.requireNonNull(company, "company");
            Objects.requireNonNull(location, "location");
            if (company.isEmpty() && location.isEmpty()) {
                throw new IllegalArgumentException("an uninstall names a company or a location");
            }
        }

        @Override
        public Kind kind() {
            return Kind.UNINSTALL;
        }
    }

    /** A location was created in an agency. */
    record LocationCreated(CompanyId company, LocationId location) implements MarketplaceEvent {
        public LocationCreated {
            Objects.requireNonNull(company, "company");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public Kind kind() {
            return Kind.LOCATION_CREATED;
        }
    }

    /** A location's or an agency's plan of the app changed from {@code previousPlan} to {@code newPlan}. */
    record PlanChanged(Optional<CompanyId> company, Optional<LocationId> location, Optional<PlanId> previousPlan,
                       Optional<PlanId> newPlan) implements MarketplaceEvent {
        public PlanChanged {
            Objects.requireNonNull(company, "company");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(previousPlan, "previousPlan");
            Objects.requireNonNull(newPlan, "newPlan");
        }

        @Override
        public Kind kind() {
            return Kind.PLAN_CHANGED;
        }
    }

    /**
     * Any other event ({@code ContactCreate}, …): the hub applies no rule of its own and hands HighLevel's type and
     * exact body to the extensions that handle that type.
     */
    record Other(String type, Optional<CompanyId> company, Optional<LocationId> location, String body)
        implements MarketplaceEvent {
        public Other {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(company, "company");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(body, "body");
            if (type.isBlank()) {
                throw new IllegalArgumentException("an event has a type");
            }
        }

        @Override
        public Kind kind() {
            return Kind.OTHER;
        }

        @Override
        public String toString() {
            return "Other[type=" + type + ", company=" + company + ", location=" + location + ", body="
                + body.length() + " chars]";
        }
    }
}
