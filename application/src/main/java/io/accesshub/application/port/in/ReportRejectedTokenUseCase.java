package io.accesshub.application.port.in;

import io.accesshub.domain.grant.AccessTokenDigest;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Optional;

/**
 * Takes a report that HighLevel rejected (401) an access token a service called it with, named by its SHA-256: while
 * that token is still the current one, the hub re-validates the grant (refresh, or re-mint a minted location token
 * as the refresh engine would) and answers the token API's answer; a report of an older or unknown token changes
 * nothing and answers the current token. Scope applies first, exactly as for token reads, and re-validations per
 * installation are rate-limited so that reports cannot drive a storm of refreshes.
 */
public interface ReportRejectedTokenUseCase {

    /** A report about a location's token, for the named app or the default one. */
    RejectionReportResult reportForLocation(Caller caller, Optional<MarketplaceAppId> app, LocationId locationId,
                                            AccessTokenDigest rejected);

    /** A report about an agency's (company's) token, for the named app or the default one. */
    RejectionReportResult reportForCompany(Caller caller, Optional<MarketplaceAppId> app, CompanyId companyId,
                                           AccessTokenDigest rejected);
}
