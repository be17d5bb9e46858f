package io.accesshub.adapter.http.admin;

import io.accesshub.application.port.out.TokenReadCount;
import io.accesshub.domain.marketplace.LocationId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** How many tokens one key read of one installation within one minute. */
@Serdeable
public record TokenReadCountResponse(String keyName, String appId, String companyId, @Nullable String locationId,
                                     Instant minute, long reads) {

    static TokenReadCountResponse of(TokenReadCount count) {
        return new TokenReadCountResponse(count.keyName(), count.installation().appId().value(),
            count.installation().companyId().value(),
            count.installation().locationId().map(LocationId::value).orElse(null), count.minute(), count.reads());
    }
}
