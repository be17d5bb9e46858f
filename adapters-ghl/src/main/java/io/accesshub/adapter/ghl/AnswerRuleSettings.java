package io.accesshub.adapter.ghl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the settings that tell how to recognise one of HighLevel's loosely specified answers: a list of 4xx statuses
 * and a list of body substrings (both configurable because ghl-api.md leaves them uncertain).
 */
final class AnswerRuleSettings {

    private AnswerRuleSettings() {
    }

    /**
     * The statuses, each a 4xx refusal and none of {@code excluded}; anything else fails startup naming
     * {@code property}. Empty switches the status rule off.
     */
    static List<Integer> refusalStatuses(List<Integer> statuses, String property, Set<Integer> excluded) {
        Set<Integer> checked = new LinkedHashSet<>();
        for (Integer status : statuses == null ? List.<Integer>of() : statuses) {
            if (status == null || status < 400 || status > 499 || excluded.contains(status)) {
                throw new IllegalArgumentException(property + ": " + status + " is not a 4xx refusal (400-499 except "
                    + excluded.stream().sorted().map(String::valueOf).reduce((a, b) -> a + " and " + b).orElse("")
                    + ")");
            }
            checked.add(status);
        }
        return List.copyOf(checked);
    }

    /** Trimmed, lower-cased and without repeats; blank entries are dropped, so an empty value switches the rule off. */
    static List<String> patterns(List<String> patterns) {
        List<String> checked = new ArrayList<>();
        for (String pattern : patterns == null ? List.<String>of() : patterns) {
            if (pattern != null && !pattern.isBlank()) {
                String normalised = pattern.trim().toLowerCase(Locale.ROOT);
                if (!checked.contains(normalised)) {
                    checked.add(normalised);
                }
            }
        }
        return List.copyOf(checked);
    }
}
