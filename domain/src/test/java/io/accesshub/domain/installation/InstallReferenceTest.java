package io.accesshub.domain.installation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accesshub.domain.shared.DomainException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstallReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"u", "saas-user-42", "a b/c?d=e&f#g", "ünïcødé ✓"})
    void anyPrintableTextOfOneTo200CharactersIsAReference(String value) {
        assertThat(InstallReference.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(ints = {199, 200})
    void upTo200CharactersAreAcceptedCountingCodePoints(int length) {
        assertThat(InstallReference.of("😀".repeat(length)).value().codePointCount(0, length * 2)).isEqualTo(length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "line\nbreak", "tab\there", "nul\u0000"})
    void emptyTextAndControlCharactersAreRefused(String value) {
        assertThatThrownBy(() -> InstallReference.of(value)).isInstanceOf(DomainException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 1_000})
    void moreThan200CharactersAreRefused(int length) {
        assertThatThrownBy(() -> InstallReference.of("r".repeat(length))).isInstanceOf(DomainException.class)
            .hasMessageContaining("200");
    }
}
