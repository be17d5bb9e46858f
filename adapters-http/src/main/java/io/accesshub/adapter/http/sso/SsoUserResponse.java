package io.accesshub.adapter.http.sso;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accesshub.application.port.in.SsoInstallation;
import io.accesshub.application.port.in.SsoResult;
import io.accesshub.domain.sso.SsoUserContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The decrypted user context with HighLevel's field names, plus the installation of the user's location (or company)
 * when the caller's key sees it, else {@code null}.
 */
@Serdeable
public record SsoUserResponse(String userId, String companyId, String role, String type, String userName,
                              String email, @Nullable String activeLocation,
                              @JsonProperty("isAgencyOwner") @Nullable Boolean isAgencyOwner,
                              @Nullable Installation installation) {

    /** The installation's id and status. */
    @Serdeable
    public record Installation(String id, String status) {

        static Installation of(SsoInstallation installation) {
            return new Installation(installation.id().toString(), installation.status().name());
        }
    }

    static SsoUserResponse of(SsoResult.Decrypted decrypted) {
        SsoUserContext user = decrypted.user();
        return new SsoUserResponse(user.userId(), user.companyId(), user.role(), user.type(), user.userName(),
            user.email(), user.activeLocation().orElse(null), user.isAgencyOwner().orElse(null),
            decrypted.installation().map(Installation::of).orElse(null));
    }

    @Override
    public String toString() {
        return "SsoUserResponse[userId=" + userId + "]";
    }
}
