package io.accesshub.application.fakes;

import io.accesshub.application.port.out.GrantRepository;
import io.accesshub.application.port.out.InstallationRepository;
import io.accesshub.application.port.out.TokenReads;
import io.accesshub.application.port.out.TokenReadsContract;

class InMemoryTokenReadsTest extends TokenReadsContract {

    private final InMemoryInstallationRepository installations = new InMemoryInstallationRepository();
    private final InMemoryGrantRepository grants = new InMemoryGrantRepository();

    @Override
    protected TokenReads newReads() {
        return new InMemoryTokenReads(installations, grants);
    }

    @Override
    protected InstallationRepository installationRepository() {
        return installations;
    }

    @Override
    protected GrantRepository grantRepository() {
        return grants;
    }
}
