package io.accesshub.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.webhook.WebhookAdmission.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookAdmissionTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final MarketplaceEvent INSTALL = new MarketplaceEvent.Install(CompanyId.of("co-1"),
        Optional.of(LocationId.of("loc-1")), Optional.empty());
    private static final MarketplaceEvent UNINSTALL = new MarketplaceEvent.Uninstall(Optional.empty(),
        Optional.of(LocationId.of("loc-1")));
    private static final MarketplaceEvent CREATED = new MarketplaceEvent.LocationCreated(CompanyId.of("co-1"),
        LocationId.of("loc-2"));
    private static final MarketplaceEvent CONTACT = new MarketplaceEvent.Other("ContactCreate", Optional.empty(),
        Optional.empty(), "{}");

    static Stream<Arguments> cases() {
        Optional<Instant> none = Optional.empty();
        Optional<Instant> fresh = Optional.of(NOW.minusSeconds(60));
        Optional<Instant> stale = Optional.of(NOW.minus(Duration.ofHours(3)));
        return Stream.of(
            Arguments.of(INSTALL, none, true, Verdict.MISSING_TIMESTAMP),
            Arguments.of(UNINSTALL, none, true, Verdict.MISSING_TIMESTAMP),
            Arguments.of(UNINSTALL, none, false, Verdict.ADMITTED),
            Arguments.of(CREATED, none, true, Verdict.ADMITTED),
            Arguments.of(CONTACT, none, true, Verdict.ADMITTED),
            Arguments.of(UNINSTALL, fresh, true, Verdict.ADMITTED),
            Arguments.of(UNINSTALL, stale, true, Verdict.OUTSIDE_TOLERANCE),
            Arguments.of(CONTACT, stale, false, Verdict.OUTSIDE_TOLERANCE),
            Arguments.of(INSTALL, Optional.of(NOW.plus(Duration.ofHours(3))), true, Verdict.OUTSIDE_TOLERANCE));
    }

    @ParameterizedTest(name = "{0} stamped {1} (timestamps required: {2}) is {3}")
    @MethodSource("cases")
    void installsAndUninstallsMustBeStampedAndStampsMustBeRecent(MarketplaceEvent event, Optional<Instant> stamp,
                                                                 boolean required, Verdict expected) {
        assertThat(new WebhookAdmission(Duration.ofHours(2), required).judge(event, stamp, NOW)).isEqualTo(expected);
    }
}
