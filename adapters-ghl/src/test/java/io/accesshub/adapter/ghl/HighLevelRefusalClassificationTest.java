package io.accesshub.adapter.ghl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.accesshub.application.port.out.AuthorizationCode;
import io.accesshub.application.port.out.MarketplaceApps;
import io.accesshub.application.port.out.MarketplaceGateway;
import io.accesshub.application.port.out.TokenExchangeOutcome;
import io.accesshub.domain.grant.AccessToken;
import io.accesshub.domain.grant.RefreshToken;
import io.accesshub.domain.marketplace.CompanyId;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.MarketplaceAppId;
import io.accesshub.domain.marketplace.UserType;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the gateway classifies HighLevel's refusals of {@code /oauth/token} and {@code /oauth/locationToken}, over real
 * HTTP against a stub that answers exactly the status and bytes each case needs (the simulator only speaks its own
 * dialect). HighLevel's error bodies are loosely specified, so the cases include arrays, {@code error} fields and
 * bodies that are not JSON at all. One stub and one default gateway serve the class; tests of the configuration start
 * their own gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HighLevelRefusalClassificationTest {

    private static final String CLIENT_ID = "65f0c0ffee0123456789abcd-stub42";
    private static final String CLIENT_SECRET = "stub-client-secret-5b1e9d";
    private static final RefreshToken REFRESH_TOKEN = RefreshToken.of("stub_rt_4f1c2a9e7b");
    private static final AuthorizationCode CODE = new AuthorizationCode("stub_code_8d3e61");
    private static final AccessToken AGENCY_TOKEN = AccessToken.of("stub_at_agency_71aa");

    /** Which call the gateway makes. */
    enum Call { REFRESH, EXCHANGE, MINT }

    private HttpServer stub;
    private volatile int status;
    private volatile String contentType;
    private volatile String body;
    private volatile String lastPath;
    private ApplicationContext defaultContext;
    private ApplicationContext context;
    private MarketplaceGateway gateway;
    private MarketplaceAppId app;

    @BeforeAll
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            lastPath = exchange.getRequestURI().getPath();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
        stub.start();
        startGateway(Map.of());
        defaultContext = context;
        context = null;
    }

    @AfterEach
    void backToTheDefaultGateway() {
        if (context != null) {
            context.close();
            context = null;
        }
        gateway = defaultContext.getBean(MarketplaceGateway.class);
    }

    @AfterAll
    void stop() {
        defaultContext.close();
        stub.stop(0);
    }

    private void startGateway(Map<String, Object> extra) {
        if (context != null) {
            context.close();
            context = null;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.http.services.highlevel.url", "http://127.0.0.1:" + stub.getAddress().getPort());
        properties.put("micronaut.http.services.highlevel.read-timeout", "15s");
        properties.put("accesshub.apps.main.client-id", CLIENT_ID);
        properties.put("accesshub.apps.main.client-secret", CLIENT_SECRET);
        properties.put("accesshub.apps.main.scopes", "oauth.write oauth.readonly");
        properties.put("accesshub.apps.main.redirect-uri", "http://localhost:8080/oauth/callback");
        properties.putAll(extra);
        context = ApplicationContext.builder().properties(properties).singletons(Clock.systemUTC()).start();
        gateway = context.getBean(MarketplaceGateway.class);
        app = context.getBean(MarketplaceApps.class).defaultApp().orElseThrow().id();
    }

    private void answer(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    private TokenExchangeOutcome call(Call call) {
        return switch (call) {
            case REFRESH -> gateway.refresh(app, REFRESH_TOKEN, UserType.LOCATION);
            case EXCHANGE -> gateway.exchangeAuthorizationCode(app, CODE);
            case MINT -> gateway.mintLocationToken(app, AGENCY_TOKEN, CompanyId.of("stub-company"),
                LocationId.of("stub-location"));
        };
    }

    private static final String JSON = "application/json; charset=utf-8";

    static Stream<Arguments> refusals() {
        return Stream.of(
            Arguments.of("401 from /oauth/token with HighLevel's body", Call.REFRESH, 401, JSON,
                "{\"statusCode\":401,\"message\":\"Invalid client credentials\",\"error\":\"invalid_client\"}",
                TokenExchangeOutcome.InvalidClient.class),
            Arguments.of("401 from /oauth/token naming nothing", Call.REFRESH, 401, JSON,
                "{\"statusCode\":401,\"message\":\"Unauthorized\"}", TokenExchangeOutcome.InvalidClient.class),
            Arguments.of("401 from /oauth/token, not JSON", Call.EXCHANGE, 401, "text/html",
                "<html><body>401 Unauthorized</body></html>", TokenExchangeOutcome.InvalidClient.class),
            Arguments.of("401 from /oauth/token, no body", Call.REFRESH, 401, "text/plain", "",
                TokenExchangeOutcome.InvalidClient.class),
            Arguments.of("400 with error invalid_client", Call.REFRESH, 400, JSON,
                "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}",
                TokenExchangeOutcome.InvalidClient.class),
            Arguments.of("400 with a message array naming invalid client credentials", Call.EXCHANGE, 400, JSON,
                "{\"statusCode\":400,\"message\":[\"client_id must be a string\",\"Invalid Client Credentials\"],"
                    + "\"error\":\"Bad Request\"}", TokenExchangeOutcome.InvalidClient.class),
            Arguments.of("401 from /oauth/locationToken naming an invalid client", Call.MINT, 401, JSON,
                "{\"statusCode\":401,\"message\":\"invalid_client\"}", TokenExchangeOutcome.InvalidClient.class),
            Arguments.of("401 from /oauth/locationToken with a location token", Call.MINT, 401, JSON,
                "{\"statusCode\":401,\"message\":\"This route is not yet supported by the IAM Service.\"}",
                TokenExchangeOutcome.Rejected.class),
            Arguments.of("400 invalid_grant stays an invalid grant", Call.REFRESH, 400, JSON,
                "{\"statusCode\":400,\"message\":\"Invalid grant: refresh token is invalid\",\"error\":\"Bad Request\"}",
                TokenExchangeOutcome.InvalidGrant.class),
            Arguments.of("400 error invalid_grant with another description", Call.REFRESH, 400, JSON,
                "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token expired\"}",
                TokenExchangeOutcome.InvalidGrant.class),
            Arguments.of("400 Location is not active stays so", Call.REFRESH, 400, JSON,
                "{\"statusCode\":400,\"message\":\"Location is not active\"}",
                TokenExchangeOutcome.LocationNotActive.class),
            Arguments.of("400 Location is not active in an array, on a mint", Call.MINT, 400, JSON,
                "{\"statusCode\":400,\"message\":[\"Location is not active\"]}",
                TokenExchangeOutcome.LocationNotActive.class),
            Arguments.of("unknown 403", Call.REFRESH, 403, JSON,
                "{\"statusCode\":403,\"message\":\"Forbidden resource\",\"error\":\"Forbidden\"}",
                TokenExchangeOutcome.Rejected.class),
            Arguments.of("unknown 422", Call.REFRESH, 422, JSON,
                "{\"statusCode\":422,\"message\":[\"user_type must be one of Company, Location\"]}",
                TokenExchangeOutcome.Rejected.class),
            Arguments.of("403 naming an invalid client: only 400/401 are matched", Call.REFRESH, 403, JSON,
                "{\"statusCode\":403,\"message\":\"invalid client\"}", TokenExchangeOutcome.Rejected.class),
            Arguments.of("400 that is not JSON", Call.REFRESH, 400, "text/html", "<html>Bad Request</html>",
                TokenExchangeOutcome.Rejected.class),
            Arguments.of("503 with invalid client words is still transient", Call.REFRESH, 503, JSON,
                "{\"message\":\"invalid client\"}", TokenExchangeOutcome.Transient.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusalsAreClassifiedByCause(String name, Call call, int status, String contentType, String body,
                                      Class<? extends TokenExchangeOutcome> expected) {
        answer(status, contentType, body);

        TokenExchangeOutcome outcome = call(call);

        assertThat(outcome).as(name).isInstanceOf(expected);
        assertThat(lastPath).isEqualTo(call == Call.MINT ? "/oauth/locationToken" : "/oauth/token");
        assertThat(outcome.toString()).doesNotContain(CLIENT_SECRET, REFRESH_TOKEN.value(), CODE.value(),
            AGENCY_TOKEN.value());
    }

    @Test
    void theDetailKeepsHighLevelsWordsAndStatus() {
        answer(400, JSON, "{\"statusCode\":400,\"message\":[\"Invalid client credentials\"]}");

        assertThat(call(Call.REFRESH)).isEqualTo(new TokenExchangeOutcome.InvalidClient(400,
            "Invalid client credentials"));
        answer(422, JSON, "{\"statusCode\":422,\"message\":[\"a\",\"b\"]}");
        assertThat(call(Call.REFRESH)).isEqualTo(new TokenExchangeOutcome.Rejected(422, "a; b"));
        answer(401, "text/html", "<html>nope</html>");
        assertThat(call(Call.REFRESH)).isEqualTo(new TokenExchangeOutcome.InvalidClient(401,
            "HighLevel answered 401"));
    }

    @Test
    void aDetailNeverCarriesATokenCodeOrSecretEvenWhenHighLevelEchoesOne() {
        answer(400, JSON, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token "
            + REFRESH_TOKEN.value() + " of client secret " + CLIENT_SECRET + " is invalid\"}");
        TokenExchangeOutcome refresh = call(Call.REFRESH);
        answer(400, JSON, "{\"message\":\"Invalid client credentials for code " + CODE.value() + "\"}");
        TokenExchangeOutcome exchange = call(Call.EXCHANGE);
        answer(403, JSON, "{\"message\":\"token " + AGENCY_TOKEN.value() + " may not mint\"}");
        TokenExchangeOutcome mint = call(Call.MINT);

        assertThat(refresh).isEqualTo(new TokenExchangeOutcome.InvalidGrant(
            "refresh token [redacted] of client secret [redacted] is invalid"));
        assertThat(exchange).isEqualTo(new TokenExchangeOutcome.InvalidClient(400,
            "Invalid client credentials for code [redacted]"));
        assertThat(mint).isEqualTo(new TokenExchangeOutcome.Rejected(403, "token [redacted] may not mint"));
    }

    @Test
    void statusesAndPatternsAreConfigurable() {
        startGateway(Map.of("accesshub.highlevel.invalid-client.statuses", "401,403",
            "accesshub.highlevel.invalid-client.patterns", " App Suspended ,client_not_found"));

        answer(403, JSON, "{\"statusCode\":403,\"message\":\"Forbidden\"}");
        assertThat(call(Call.REFRESH)).isInstanceOf(TokenExchangeOutcome.InvalidClient.class);
        answer(403, JSON, "{\"statusCode\":403,\"message\":\"Forbidden\"}");
        assertThat(call(Call.MINT)).as("the status rule is for /oauth/token only")
            .isInstanceOf(TokenExchangeOutcome.Rejected.class);
        answer(400, JSON, "{\"statusCode\":400,\"message\":\"The app suspended by its developer\"}");
        assertThat(call(Call.REFRESH)).isInstanceOf(TokenExchangeOutcome.InvalidClient.class);
        answer(400, JSON, "{\"error\":\"CLIENT_NOT_FOUND\"}");
        assertThat(call(Call.EXCHANGE)).isInstanceOf(TokenExchangeOutcome.InvalidClient.class);
        answer(400, JSON, "{\"error\":\"invalid_client\"}");
        assertThat(call(Call.REFRESH)).as("the default patterns were replaced")
            .isInstanceOf(TokenExchangeOutcome.Rejected.class);
    }

    @Test
    void theConfigurationHasHighLevelsDefaults() {
        HighLevelConfiguration.InvalidClientConfiguration c = defaultContext.getBean(HighLevelConfiguration.class)
            .getInvalidClient();

        assertThat(c.getStatuses()).containsExactly(401);
        assertThat(c.getPatterns()).containsExactly("invalid_client", "invalid client", "client credentials");
    }

    @Test
    void theEnvironmentVariablesSetTheKeys() {
        try (ApplicationContext env = ApplicationContext.builder().propertySources(PropertySource.of("env",
                Map.of("ACCESSHUB_HIGHLEVEL_INVALID_CLIENT_STATUSES", "401,403",
                    "ACCESSHUB_HIGHLEVEL_INVALID_CLIENT_PATTERNS", "app suspended, Invalid Client"),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)).start()) {
            HighLevelConfiguration.InvalidClientConfiguration c = env.getBean(HighLevelConfiguration.class)
                .getInvalidClient();

            assertThat(c.getStatuses()).containsExactly(401, 403);
            assertThat(c.getPatterns()).containsExactly("app suspended", "invalid client");
        }
    }

    @Test
    void aStatusThatIsNoClientRefusalFailsStartup() {
        assertThatThrownBy(() -> startGateway(Map.of("accesshub.highlevel.invalid-client.statuses", "401,429")))
            .hasStackTraceContaining("accesshub.highlevel.invalid-client.statuses: 429");
        assertThatThrownBy(() -> startGateway(Map.of("accesshub.highlevel.invalid-client.statuses", "500")))
            .hasStackTraceContaining("not a 4xx refusal");
    }

    @Test
    void emptyListsSwitchTheRulesOffAndBlankPatternsAreDropped() {
        HighLevelConfiguration.InvalidClientConfiguration c = new HighLevelConfiguration.InvalidClientConfiguration();

        c.setStatuses(List.of());
        c.setPatterns(List.of(" ", "Invalid_Client ", "invalid_client"));

        assertThat(c.getStatuses()).isEmpty();
        assertThat(c.getPatterns()).containsExactly("invalid_client");
    }
}
