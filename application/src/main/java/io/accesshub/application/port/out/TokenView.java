package io.accesshub.application.port.out;

import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.GrantSource;
import io.accesshub.domain.grant.Scopes;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.installation.InstallationStatus;
import io.accesshub.domain.installation.StateReason;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One installation as a token read sees it: its lifecycle state and, when it holds a grant, the grant's access token
 * (never the refresh token or the refresh bookkeeping).
 */
public record TokenView(InstallationId installationId, InstallationKey key, InstallationStatus status,
                        StateReason reason, Optional<Access> access) {

    public TokenView {
        Objects.requireNonNull(installationId, "installationId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(access, "access");
    }

    /** The stored access token of the installation's grant, with what is handed out beside it. */
    public record Access(AccessToken accessToken, Instant expiresAt, Scopes scopes, GrantSource source) {

        public Access {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(source, "source");
        }
    }
}
