package io.accesshub.domain.grant;

import io.accesshub.domain.marketplace.UserType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an app's configured scopes require of a grant: an agency (Company) grant must hold every configured scope; a
 * location grant every one but the agency-level {@code oauth.*} scopes, which HighLevel gives only to agency tokens.
 * Also what an app configured without {@code oauth.write} or {@code oauth.readonly} cannot do.
 */
public final class ScopeRequirement {

    private static final String AGENCY_LEVEL_PREFIX = "oauth.";

    private ScopeRequirement() {
    }

    /** The configured scopes a grant of {@code userType} lacks, in canonical order (empty when none). */
    public static Scopes missing(Scopes configured, UserType userType, Scopes granted) {
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(userType, "userType");
        Objects.requireNonNull(granted, "granted");
        Set<Scope> required = new TreeSet<>(configured.values());
        if (userType == UserType.LOCATION) {
            required.removeIf(ScopeRequirement::isAgencyLevel);
        }
        return granted.missingFrom(new Scopes(required));
    }

    /** Whether only agency tokens carry this scope. */
    public static boolean isAgencyLevel(Scope scope) {
        return scope.value().startsWith(AGENCY_LEVEL_PREFIX);
    }

    /**
     * What an app configured with these scopes cannot do for agency installs, one sentence each (empty when it can do
     * everything the hub offers agencies).
     */
    public static List<String> agencyLimitations(Scopes configured) {
        Objects.requireNonNull(configured, "configured");
        List<String> limitations = new ArrayList<>();
        if (!configured.covers(Scope.OAUTH_WRITE)) {
            limitations.add("without " + Scope.OAUTH_WRITE + " it cannot mint location tokens from an agency install"
                + " or uninstall itself from an agency");
        }
        if (!configured.covers(Scope.OAUTH_READONLY) && !configured.covers(Scope.OAUTH_WRITE)) {
            limitations.add("without " + Scope.OAUTH_READONLY + " it cannot list an agency's installed locations, so"
                + " agency installs are not provisioned or reconciled");
        }
        return limitations;
    }
}
