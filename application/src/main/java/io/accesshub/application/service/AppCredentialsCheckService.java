package io.accesshub.application.service;

import io.accesshub.application.port.in.CheckAppCredentialsUseCase;
import io.accesshub.application.port.out.MarketplaceApp;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.RefreshLeases;
import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import java.util.Objects;
import java.util.Optional;

/**
 * Probes an app's client credentials with a real refresh of its earliest scheduled grant: a refused answer keeps
 * (or marks) the app misconfigured without touching the grant; any answer past the client check clears it.
 */
public final class AppCredentialsCheckService implements CheckAppCredentialsUseCase {

    private final MarketplaceApps apps;
    private final RefreshLeases leases;
    private final GrantRefresher refresher;
    private final AppCredentials credentials;

    public AppCredentialsCheckService(MarketplaceApps apps, RefreshLeases leases, GrantRefresher refresher,
                                      AppCredentials credentials) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.refresher = Objects.requireNonNull(refresher, "refresher");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public int checkAllApps() {
        int checked = 0;
        for (MarketplaceApp app : apps.all()) {
            if (probe(app.id())) {
                checked++;
            }
        }
        return checked;
    }

    @Override
    public int recheckRefusedApps() {
        for (MarketplaceAppId app : credentials.refusedApps()) {
            probe(app);
        }
        return credentials.refusedApps().size();
    }

    /** Refreshes one grant of the app with its credentials; false when the app has no grant to probe with. */
    private boolean probe(MarketplaceAppId app) {
        Optional<InstallationId> grant = leases.firstScheduled(app);
        if (grant.isEmpty()) {
            return false;
        }
        GrantRefresher.RefreshResult result = refresher.refresh(grant.get(), GrantRefresher.Mode.CREDENTIALS_PROBE);
        if (!(result instanceof GrantRefresher.RefreshResult.AppMisconfigured)
            && !(result instanceof GrantRefresher.RefreshResult.Unavailable)) {
            credentials.accepted(app);
        }
        return true;
    }
}
