package io.accesshub.adapter.persistence.installation;

import io.accesshub.domain.installation.InstallationId;
import io.accesshub.domain.installation.InstallationKey;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Looks up the natural key of a stored installation, for adapters that bind data to it (token encryption). */
@Singleton
public class InstallationKeys {

    private final InstallationRowRepository rows;

    InstallationKeys(InstallationRowRepository rows) {
        this.rows = rows;
    }

    /** The key of the stored installation with this id. */
    public Optional<InstallationKey> keyOf(InstallationId id) {
        return rows.findById(id.toString()).map(InstallationMapper::toDomain).map(i -> i.key());
    }
}
