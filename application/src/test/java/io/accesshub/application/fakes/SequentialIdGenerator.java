package io.accesshub.application.fakes;

import io.accesshub.application.port.out.IdGenerator;
import io.accesshub.domain.installation.InstallationId;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Predictable {@link IdGenerator}: 00000000-0000-0000-0000-000000000001, ...2, and so on. */
public final class SequentialIdGenerator implements IdGenerator {

    private final AtomicLong next = new AtomicLong(1);

    @Override
    public InstallationId newInstallationId() {
        return InstallationId.of(new UUID(0L, next.getAndIncrement()));
    }
}
