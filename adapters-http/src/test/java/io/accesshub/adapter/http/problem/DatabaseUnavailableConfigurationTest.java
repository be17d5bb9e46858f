package io.accesshub.adapter.http.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseUnavailableConfigurationTest {

    @Test
    void retryAfterIsFiveSecondsByDefault() {
        assertThat(new DatabaseUnavailableConfiguration().retryAfterSeconds()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0} -> Retry-After {1}")
    @CsvSource({"PT5S, 5", "PT2.5S, 3", "PT0.001S, 1", "PT0S, 1", "PT1M, 60", "PT30.000000001S, 31"})
    void retryAfterIsRoundedUpToWholeSeconds(Duration configured, long seconds) {
        DatabaseUnavailableConfiguration configuration = new DatabaseUnavailableConfiguration();
        configuration.setUnavailableRetryAfter(configured);

        assertThat(configuration.retryAfterSeconds()).isEqualTo(seconds);
    }

    @Test
    void aNegativeDurationIsRefused() {
        assertThatThrownBy(() -> new DatabaseUnavailableConfiguration().setUnavailableRetryAfter(Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
