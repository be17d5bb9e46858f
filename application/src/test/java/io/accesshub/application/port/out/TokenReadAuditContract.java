package io.accesshub.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.accesshub.application.paging.Page;
import io.accesshub.application.paging.PageRequest;
import io.accesshub.application.testdata.TestIds;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TokenReadAudit} store does; run against the in-memory fake and the database. */
public abstract class TokenReadAuditContract {

    private static final Instant MINUTE = Instant.parse("2026-11-30T10:15:00Z");
    private static final TokenReadAuditQuery EVERYTHING = new TokenReadAuditQuery(Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());

    private TokenReadAudit audit;

    /** A store with nothing in it. */
    protected abstract TokenReadAudit emptyAudit();

    @BeforeEach
    void start() {
        audit = emptyAudit();
    }

    @Test
    void countsAddUpAndArePagedNewestMinuteFirstThenInOneFixedReverseOrder() {
        MarketplaceAppId app = TestIds.appId();
        CompanyId company = TestIds.companyId();
        InstallationKey agency = InstallationKey.forCompany(app, company);
        InstallationKey location = InstallationKey.forLocation(app, company, TestIds.locationId());
        audit.add(List.of(new TokenReadCount("alpha", agency, MINUTE, 2),
            new TokenReadCount("beta", agency, MINUTE, 1),
            new TokenReadCount("alpha", agency, MINUTE.minusSeconds(60), 7),
            new TokenReadCount("beta", location, MINUTE, 4)));
        audit.add(List.of(new TokenReadCount("alpha", agency, MINUTE, 3)));

        Page<TokenReadCount> first = audit.find(EVERYTHING, PageRequest.first(3));
        Page<TokenReadCount> second = audit.find(EVERYTHING, PageRequest.of(3, 3));

        assertThat(first.totalCount()).isEqualTo(4);
        // newest minute first; within it key name, app, company, location all descending (a location's key sorts
        // after the agency's empty one)
        assertThat(first.items()).extracting(TokenReadCount::keyName, TokenReadCount::installation,
            TokenReadCount::reads).containsExactly(
                org.assertj.core.groups.Tuple.tuple("beta", location, 4L),
                org.assertj.core.groups.Tuple.tuple("beta", agency, 1L),
                org.assertj.core.groups.Tuple.tuple("alpha", agency, 5L));
        assertThat(second.items()).extracting(TokenReadCount::minute).containsExactly(MINUTE.minusSeconds(60));
    }
}
