package io.accesshub.adapter.http.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuccessRedirectTest {

    private static final String ADDED = "accesshub_install=h.t&accesshub_ref=user+42%2F%C3%A4%26x%3Dy";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://app.example.com/installed          | https://app.example.com/installed?{}",
        "https://app.example.com/installed?done=1   | https://app.example.com/installed?done=1&{}",
        "https://app.example.com/installed?         | https://app.example.com/installed?{}",
        "https://app.example.com/i?done=1#section   | https://app.example.com/i?done=1&{}#section",
    })
    void theHandleAndReferenceAreAddedToTheQueryFormEncoded(String configured, String expected) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(InstallController.HANDLE_PARAMETER, "h.t");
        parameters.put(InstallController.REF_PARAMETER, "user 42/ä&x=y");

        assertThat(InstallController.withQuery(configured, parameters)).hasToString(expected.replace("{}", ADDED));
    }
}
