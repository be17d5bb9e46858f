package io.accesshub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.accesshub.adapter.persistence.crypto.TinkKeysets;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.bootstrap.wiring.SigningWiring;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub refuses to start without a usable signing keyset, and says which setting to fix. */
class SigningKeysetStartupTest {

    private static Map<String, Object> hub(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.shared().properties());
        properties.put("accesshub.refresh.scheduler.enabled", "false");
        properties.putAll(extra);
        return properties;
    }

    private static String startupFailure(Map<String, Object> extra) {
        Throwable failure = catchThrowable(() -> ApplicationContext.run(hub(extra)).close());
        assertThat(failure).as("the hub must not start").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    /** The base64 key material inside a Tink JSON keyset. */
    private static String keyMaterial(String keysetJson) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"value\":\\s*\"([^\"]{20})")
            .matcher(keysetJson);
        assertThat(value.find()).isTrue();
        return value.group(1);
    }

    @Test
    void withoutAKeysetTheHubRefusesToStartNamingBothSettings() {
        assertThat(startupFailure(Map.of()))
            .contains("no signing keyset configured", "ACCESSHUB_SIGNING_KEYSET", "ACCESSHUB_SIGNING_KEYSET_FILE");
    }

    @Test
    void aMissingFileOrAKeysetOfTheWrongKindStopsItWithoutShowingKeyMaterial(@TempDir Path directory) {
        assertThat(startupFailure(Map.of(SigningWiring.KEYSET_FILE, directory.resolve("absent.json").toString())))
            .contains("cannot read the signing keyset file", "absent.json");
        String tokenKeyset = TinkKeysets.generate();
        assertThat(startupFailure(Map.of(SigningWiring.KEYSET, tokenKeyset)))
            .contains("not an HMAC-SHA256 key").doesNotContain(keyMaterial(tokenKeyset));
    }
}
