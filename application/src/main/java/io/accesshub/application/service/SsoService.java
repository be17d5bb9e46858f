package io.accesshub.application.service;

import io.accesshub.application.port.in.Caller;
import io.accesshub.application.port.in.DecryptSsoUseCase;
import io.accesshub.application.port.in.SsoInstallation;
import io.accesshub.application.port.in.SsoResult;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.SsoPayloads;
import io.accesshub.domain.installation.Installation;
import io.accesshub.domain.installation.InstallationKey;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.shared.DomainException;
import io.accesshub.domain.sso.SsoUserContext;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Opens SSO payloads through {@link SsoPayloads} and attaches the installation the caller may see. */
public final class SsoService implements DecryptSsoUseCase {

    private final SsoPayloads payloads;
    private final InstallationRepository installations;

    public SsoService(SsoPayloads payloads, InstallationRepository installations) {
        this.payloads = Objects.requireNonNull(payloads, "payloads");
        this.installations = Objects.requireNonNull(installations, "installations");
    }

    @Override
    public SsoResult decrypt(Caller caller, Optional<MarketplaceAppId> app, String payload) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(app, "app");
        Set<MarketplaceAppId> configured = payloads.appsWithSsoSecret();
        MarketplaceAppId chosen;
        if (app.isPresent()) {
            if (!configured.contains(app.get())) {
                return new SsoResult.NotConfigured();
            }
            chosen = app.get();
        } else if (configured.size() == 1) {
            chosen = configured.iterator().next();
        } else {
            return configured.isEmpty() ? new SsoResult.NotConfigured() : new SsoResult.AppRequired();
        }
        if (payload == null || payload.isBlank()) {
            return new SsoResult.InvalidPayload();
        }
        Optional<SsoUserContext> user = payloads.open(chosen, payload);
        if (user.isEmpty()) {
            return new SsoResult.InvalidPayload();
        }
        return new SsoResult.Decrypted(user.get(), installation(caller, chosen, user.get()));
    }

    /** The user's location's installation, or without a location the company's; empty when out of the scope. */
    private Optional<SsoInstallation> installation(Caller caller, MarketplaceAppId app, SsoUserContext user) {
        Optional<Installation> found;
        try {
            CompanyId company = CompanyId.of(user.companyId());
            found = user.activeLocation().isPresent()
                ? installations.findByKey(InstallationKey.forLocation(app, company,
                    LocationId.of(user.activeLocation().get())))
                : installations.findByKey(InstallationKey.forCompany(app, company));
        } catch (DomainException notAnId) {
            return Optional.empty();
        }
        return found.filter(i -> caller.scope().permits(i.key()))
            .map(i -> new SsoInstallation(i.id(), i.status()));
    }
}
