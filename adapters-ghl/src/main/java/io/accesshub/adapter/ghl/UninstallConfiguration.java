package io.accesshub.adapter.ghl;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How HighLevel's answer "the app is not installed" to {@code DELETE /marketplace/app/{appId}/installations} is
 * recognised ({@code accesshub.highlevel.uninstall.*}). HighLevel does not document it, so both rules are
 * configurable: any of {@link #getNotInstalledStatuses() statuses}, or a 4xx other than 401 and 429 whose
 * {@code message}, {@code error_description} or {@code error} contains one of {@link #getNotInstalledPatterns()
 * patterns} (case-insensitive).
 */
@ConfigurationProperties("accesshub.highlevel.uninstall")
public class UninstallConfiguration {

    /** Default of {@code not-installed-patterns}. */
    public static final List<String> DEFAULT_PATTERNS = List.of("not installed", "no installation");

    private List<Integer> notInstalledStatuses = List.of();
    private List<String> notInstalledPatterns = DEFAULT_PATTERNS;

    /** Statuses that always mean the app is not installed; none by default. */
    public List<Integer> getNotInstalledStatuses() {
        return notInstalledStatuses;
    }

    /** Only 4xx statuses other than 401 and 429; anything else fails startup. */
    public void setNotInstalledStatuses(List<Integer> statuses) {
        this.notInstalledStatuses = AnswerRuleSettings.refusalStatuses(statuses,
            "accesshub.highlevel.uninstall.not-installed-statuses", Set.of(401, 429));
    }

    /** Lower-case substrings naming an app that is not installed. */
    public List<String> getNotInstalledPatterns() {
        return notInstalledPatterns;
    }

    /** Trimmed and lower-cased; blank entries are dropped, so an empty value switches the pattern rule off. */
    public void setNotInstalledPatterns(List<String> patterns) {
        this.notInstalledPatterns = AnswerRuleSettings.patterns(patterns);
    }

    /** Whether a refusal with this status and message says the app is not installed. */
    boolean meansNotInstalled(int status, String message) {
        if (notInstalledStatuses.contains(status)) {
            return true;
        }
        if (status < 400 || status > 499 || status == 401 || status == 429) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return notInstalledPatterns.stream().anyMatch(lower::contains);
    }
}
