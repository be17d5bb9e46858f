package io.accesshub.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.accesshub.adapter.persistence.testdb.TestDatabase;
import io.accesshub.simulator.AuthorizeRequest;
import io.accesshub.simulator.Fault;
import io.accesshub.simulator.FaultEndpoint;
import io.accesshub.simulator.SimulatorConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs installs, refreshes, a lost response and an outage with every log line captured at DEBUG, then checks that
 * no token, code, client secret or API key appears in the logs, in a non-token response, or in a database dump.
 */
class TokenSecrecyTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Level previousLevel;
    private HubHarness harness;

    @BeforeEach
    void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        root.setLevel(previousLevel);
        harness.close();
    }

    private static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        return text.toString();
    }

    @Test
    void noSecretReachesALogLineAnErrorResponseOrTheDatabase() throws Exception {
        harness = new HubHarness(SimulatorConfig.builder().locationCount(3));
        HubHarness.Hub hub = harness.startHub();
        List<String> secrets = new ArrayList<>(List.of(harness.simulator.config().clientSecret(), HubHarness.API_KEY));
        List<String> nonTokenBodies = new ArrayList<>();

        HubHarness.Response install = harness.installThroughBrowser(hub, AuthorizeRequest.Target.LOCATION,
            "sim-loc-0001", List.of());
        nonTokenBodies.add(install.body());
        secrets.add((String) harness.locationToken(hub, "sim-loc-0001").json().get("accessToken"));
        harness.expireAllAccessTokens();
        harness.simulator.inject(Fault.dropResponse(FaultEndpoint.TOKEN));
        secrets.add((String) harness.locationToken(hub, "sim-loc-0001").json().get("accessToken"));
        harness.expireAllAccessTokens();
        harness.simulator.inject(Fault.status(FaultEndpoint.TOKEN, 503));
        nonTokenBodies.add(harness.locationToken(hub, "sim-loc-0001").body());
        nonTokenBodies.add(harness.get(hub.url("/api/v1/installations"), HubHarness.API_KEY).body());
        nonTokenBodies.add(harness.get(hub.url("/api/v1/installations"), "wrong-key").body());
        assertThat(install.body()).doesNotContain("code_");

        String allLogs = String.join("\n", logs.list.stream().map(TokenSecrecyTest::render).toList());
        assertThat(logs.list).isNotEmpty();
        for (String secret : secrets) {
            assertThat(allLogs).as("logs").doesNotContain(secret);
            for (String body : nonTokenBodies) {
                assertThat(body).as("non-token response").doesNotContain(secret);
            }
        }
        assertThat(allLogs).doesNotContain("sim_rt_").doesNotContain("sim_at_").doesNotContain("code_");
        for (String body : nonTokenBodies) {
            assertThat(body).doesNotContain("sim_rt_").doesNotContain("sim_at_");
        }

        String dump = dumpDatabase();
        assertThat(dump).contains("sim-loc-0001").doesNotContain("sim_at_").doesNotContain("sim_rt_");
        for (String secret : secrets) {
            assertThat(dump).doesNotContain(secret);
        }
    }

    private static String dumpDatabase() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = TestDatabase.shared().openConnection(); Statement s = connection.createStatement()) {
            for (String table : List.of("installation", "token_grant", "install_state")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            byte[] raw = rs.getBytes(i);
                            dump.append(raw == null ? "" : new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1))
                                .append('|');
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }
}
