package io.accesshub.adapter.persistence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCipherFactoryTest {

    private static final TokenBinding BINDING = new TokenBinding("app", "company", "", TokenKind.REFRESH);

    @Test
    void aKeysetGivenInlineEncryptsAndDecrypts() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(TokenCipherFactory.KEYSET,
                TinkKeysets.generate()))) {
            TokenCipher cipher = context.getBean(TokenCipher.class);
            assertThat(cipher.decrypt(cipher.encrypt("refresh", BINDING).ciphertext(), BINDING)).isEqualTo("refresh");
        }
    }

    @Test
    void aKeysetFileIsCreatedOnceInDemoModeAndReusedAfterwards(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("keys").resolve("token-keyset.json");
        Map<String, Object> properties = Map.of(TokenCipherFactory.KEYSET_FILE, file.toString(),
                TokenCipherFactory.CREATE_IF_MISSING, true);
        byte[] ciphertext;
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            ciphertext = context.getBean(TokenCipher.class).encrypt("refresh", BINDING).ciphertext();
        }
        String keyset = Files.readString(file);
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(TokenCipher.class).decrypt(ciphertext, BINDING)).isEqualTo("refresh");
        }
        assertThat(Files.readString(file)).isEqualTo(keyset);
    }

    @Test
    void withoutAnyKeysetTheCipherCannotBeCreatedAndTheMessageNamesTheProperties() {
        try (ApplicationContext context = ApplicationContext.run(Map.of())) {
            assertThatThrownBy(() -> context.getBean(TokenCipher.class))
                    .hasStackTraceContaining(TokenCipherFactory.KEYSET)
                    .hasStackTraceContaining(TokenCipherFactory.KEYSET_FILE);
        }
    }

    @Test
    void aMissingKeysetFileIsNotCreatedOutsideDemoMode(@TempDir Path directory) {
        Path file = directory.resolve("absent.json");
        try (ApplicationContext context = ApplicationContext.run(Map.of(TokenCipherFactory.KEYSET_FILE,
                file.toString()))) {
            assertThatThrownBy(() -> context.getBean(TokenCipher.class)).hasStackTraceContaining("absent.json");
        }
        assertThat(file).doesNotExist();
    }
}
