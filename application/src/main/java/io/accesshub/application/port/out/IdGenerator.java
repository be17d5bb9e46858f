package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationId;

/** Hands out new, never reused identities (the core never generates them itself). */
public interface IdGenerator {

    /** A fresh installation id. */
    InstallationId newInstallationId();
}
