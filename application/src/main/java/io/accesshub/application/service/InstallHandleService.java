package io.accesshub.application.service;

import io.accesshub.domain.access.AccessScope;
import io.accesshub.application.port.in.FindInstallByHandleUseCase;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.SignedValues;
import io.accesshub.domain.installation.Installation;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Resolves install handles: checks the signature and expiry, then reads the installation as it is now. */
public final class InstallHandleService implements FindInstallByHandleUseCase {

    private final SignedValues signer;
    private final InstallationRepository installations;
    private final Clock clock;

    public InstallHandleService(SignedValues signer, InstallationRepository installations, Clock clock) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.installations = Objects.requireNonNull(installations, "installations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<InstallByHandle> find(String handle) {
        Objects.requireNonNull(handle, "handle");
        return InstallHandles.read(signer, handle, clock.instant()).flatMap(content ->
            installations.findById(content.installationId()).map(installation -> view(content, installation)));
    }

    @Override
    public Optional<InstallByHandle> find(AccessScope scope, String handle) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(handle, "handle");
        return InstallHandles.read(signer, handle, clock.instant()).flatMap(content ->
            installations.findById(content.installationId()).filter(installation -> scope.permits(installation.key()))
                .map(installation -> view(content, installation)));
    }

    private static InstallByHandle view(InstallHandles.Content content, Installation installation) {
        return new InstallByHandle(content.ref(), installation.id(), installation.status(),
            installation.key().companyId(), installation.key().locationId());
    }
}
