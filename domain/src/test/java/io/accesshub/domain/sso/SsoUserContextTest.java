package io.accesshub.domain.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsoUserContextTest {

    @Test
    void aBlankActiveLocationMeansNoLocation() {
        SsoUserContext user = new SsoUserContext("u1", "c1", "admin", "agency", "Ada", "ada@example.com",
            Optional.of(" "), Optional.empty());
        assertThat(user.activeLocation()).isEmpty();
    }

    @Test
    void toStringLeavesOutNameAndEmail() {
        SsoUserContext user = new SsoUserContext("u1", "c1", "admin", "location", "Ada Lovelace",
            "ada@example.com", Optional.of("loc-1"), Optional.of(true));
        assertThat(user.toString()).contains("u1").doesNotContain("Ada").doesNotContain("ada@example.com");
    }
}
