package io.accesshub.application.port.out;

import io.accesshub.domain.installation.InstallationKey;
import java.time.Instant;
import java.util.Objects;

/**
 * How many times one API key read one installation's token within one minute.
 *
 * @param keyName      the reading key's name
 * @param installation whose token was read
 * @param minute       the minute, truncated (UTC)
 * @param reads        how many reads
 */
public record TokenReadCount(String keyName, InstallationKey installation, Instant minute, long reads) {

    public TokenReadCount {
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(minute, "minute");
        if (reads < 1) {
            throw new IllegalArgumentException("a count holds at least one read");
        }
    }
}
