package io.accesshub.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus alerts ({@code docs/ops/alerts.yml}) and the Grafana dashboard ({@code docs/ops/grafana-dashboard.json})
 * query only metrics that {@code docs/operations.md} documents: a metric renamed in the code and the documentation
 * must be renamed in them too, or this fails.
 */
class OpsFilesTest {

    private static final Path DOCS = Path.of("..", "docs");
    /** Prefixes of the metric families operations.md documents (the hub's, HikariCP's, Micrometer's JVM binders). */
    private static final Pattern DOCUMENTED_TOKEN = Pattern.compile(
        "(accesshub|hikaricp|jvm|process|system|executor|logback)_[a-z0-9_]*");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$:])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_KEYWORDS = Set.of(
        "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless", "inf",
        "nan");

    private static Set<String> documented;

    @BeforeAll
    static void readDocumentedMetrics() throws IOException {
        documented = documentedMetrics(Files.readString(DOCS.resolve("operations.md")));
        assertThat(documented).contains("accesshub_refresh_outcomes_total", "accesshub_refresh_lag_seconds_bucket",
            "accesshub_webhooks_inbox_oldest_age_seconds", "hikaricp_connections_pending");
    }

    /**
     * Every metric name in the first cell of a table row of operations.md, and each such name with each suffix
     * ({@code _bucket}, {@code _count}, ...) listed in the same cell.
     */
    static Set<String> documentedMetrics(String operations) {
        Set<String> names = new HashSet<>();
        for (String line : operations.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String cell = line.substring(1, line.indexOf('|', 1));
            List<String> full = new ArrayList<>();
            List<String> suffixes = new ArrayList<>();
            Matcher tick = Pattern.compile("`([^`]+)`").matcher(cell);
            while (tick.find()) {
                String token = tick.group(1);
                if (DOCUMENTED_TOKEN.matcher(token).matches()) {
                    full.add(token);
                } else if (token.matches("_[a-z0-9_]+")) {
                    suffixes.add(token);
                }
            }
            names.addAll(full);
            for (String name : full) {
                for (String suffix : suffixes) {
                    names.add(name + suffix);
                }
            }
        }
        return names;
    }

    /** The metric names a PromQL expression selects: what is left without labels, ranges, functions and keywords. */
    static Set<String> metricsIn(String promql) {
        String bare = promql
            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", " ")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = bare.substring(identifier.end()).stripLeading().startsWith("(");
            if (!function && !PROMQL_KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void everyAlertQueriesDocumentedMetricsAndSaysWhatToDo() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(DOCS.resolve("ops/alerts.yml")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        Set<String> alerts = new HashSet<>();
        Set<String> used = new HashSet<>();
        for (Map<String, Object> group : groups) {
            assertThat(group.get("name")).asString().isNotBlank();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
            assertThat(rules).isNotEmpty();
            for (Map<String, Object> rule : rules) {
                String alert = (String) rule.get("alert");
                assertThat(alerts.add(alert)).as("alert names are unique: %s", alert).isTrue();
                Set<String> metrics = metricsIn((String) rule.get("expr"));
                assertThat(metrics).as("metrics of %s", alert).isNotEmpty();
                assertThat(documented).as("%s queries only metrics documented in docs/operations.md", alert)
                    .containsAll(metrics);
                used.addAll(metrics);
                @SuppressWarnings("unchecked")
                Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
                assertThat(labels.get("severity")).as(alert).isIn("warning", "critical");
                @SuppressWarnings("unchecked")
                Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                assertThat(annotations.get("summary")).as(alert).asString().isNotBlank();
                assertThat(annotations.get("description")).as(alert).asString().isNotBlank();
            }
        }
        // what issue 12 asks to alert on: needs-reauth spikes, refresh lag, overdue grants, dead letters, 429s, inbox age
        assertThat(used).contains("accesshub_refresh_outcomes_total", "accesshub_installations",
            "accesshub_refresh_lag_seconds_bucket", "accesshub_grants_overdue", "accesshub_webhooks_dead_letters",
            "accesshub_highlevel_rate_limited_total", "accesshub_webhooks_inbox_oldest_age_seconds");
    }

    @Test
    void everyDashboardPanelQueriesDocumentedMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DOCS.resolve("ops/grafana-dashboard.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("accesshub");
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            assertThat(panel.path("targets")).as("targets of %s", title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                Set<String> metrics = metricsIn(target.path("expr").asText());
                assertThat(metrics).as("metrics of %s", title).isNotEmpty();
                assertThat(documented).as("%s queries only metrics documented in docs/operations.md", title)
                    .containsAll(metrics);
                queries++;
            }
        }
        assertThat(queries).isGreaterThan(20);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher values = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][\\w:]*)")
                .matcher(variable.path("definition").asText());
            while (values.find()) {
                assertThat(documented).as("variable %s", variable.path("name").asText()).contains(values.group(1));
            }
        }
    }

    @Test
    void aRenamedOrUndocumentedMetricIsCaught() {
        assertThat(metricsIn("sum by (app) (increase(accesshub_refresh_outcome_total{outcome=\"invalid_grant\"}[1h]))"
            + " > 5 and on (app) up offset 5m"))
            .containsExactly("accesshub_refresh_outcome_total", "up");
        assertThat(documented).doesNotContain("accesshub_refresh_outcome_total", "up");
        assertThat(metricsIn("histogram_quantile(0.99, sum by (le) (rate(accesshub_token_reads_seconds_bucket"
            + "[$__rate_interval])))")).containsExactly("accesshub_token_reads_seconds_bucket");
    }

    @Test
    void operationsLinksBothFiles() throws IOException {
        assertThat(Files.readString(DOCS.resolve("operations.md")))
            .contains("(ops/alerts.yml)").contains("(ops/grafana-dashboard.json)");
    }
}
