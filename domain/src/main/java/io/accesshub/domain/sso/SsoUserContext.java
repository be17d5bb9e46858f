package io.accesshub.domain.sso;

import java.util.Objects;
import java.util.Optional;

/**
 * The user context HighLevel encrypts for a custom page, with HighLevel's field values as sent. It carries no
 * timestamp: on its own it proves who the user is, not that the page asked just now. {@code toString} names the
 * user id and type only.
 *
 * @param userId         the HighLevel user
 * @param companyId      the user's agency
 * @param role           the user's role, e.g. {@code admin} or {@code user}
 * @param type           {@code agency} or {@code location}: where the page is open
 * @param userName       the user's display name
 * @param email          the user's email
 * @param activeLocation the location the page is open in, if any
 * @param isAgencyOwner  whether the user owns the agency, when HighLevel says
 */
public record SsoUserContext(String userId, String companyId, String role, String type, String userName,
                             String email, Optional<String> activeLocation, Optional<Boolean> isAgencyOwner) {

    public SsoUserContext {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(activeLocation, "activeLocation");
        Objects.requireNonNull(isAgencyOwner, "isAgencyOwner");
        activeLocation = activeLocation.filter(l -> !l.isBlank());
    }

    @Override
    public String toString() {
        return "SsoUserContext[userId=" + userId + ", type=" + type + "]";
    }
}
