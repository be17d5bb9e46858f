package io.accesshub.bootstrap.tracing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpVersion;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.tracing.opentelemetry.instrument.http.client.MicronautHttpClientTelemetryFactory;
import io.micronaut.tracing.opentelemetry.instrument.http.server.MicronautHttpServerTelemetryFactory;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What HTTP spans may say. These replace the attribute extractors of Micronaut's tracing filters with the same
 * OpenTelemetry HTTP conventions read through getters that leave out what must not leave the hub: inbound requests
 * report no query string (the OAuth callback carries the authorization {@code code}) and the route template as their
 * path, not the ids in it (unmatched paths are not reported); outbound calls report {@code url.full} without query,
 * fragment or user info. No header is captured (no {@code otel.http.*.request-headers} is configured), so no
 * {@code Authorization}, API key or token can reach a span.
 */
@Factory
class HttpSpanAttributes {

    private static final Map<HttpVersion, String> PROTOCOL_VERSION = Map.of(
        HttpVersion.HTTP_1_0, "1.0", HttpVersion.HTTP_1_1, "1.1", HttpVersion.HTTP_2_0, "2.0");

    @Prototype
    @MicronautHttpServerTelemetryFactory.Server
    @Replaces(factory = MicronautHttpServerTelemetryFactory.class, bean = AttributesExtractor.class)
    AttributesExtractor<HttpRequest<Object>, HttpResponse<Object>> serverAttributes() {
        return HttpServerAttributesExtractor.create(new ServerGetter());
    }

    @Prototype
    @MicronautHttpClientTelemetryFactory.Client
    @Replaces(factory = MicronautHttpClientTelemetryFactory.class, bean = AttributesExtractor.class)
    AttributesExtractor<MutableHttpRequest<Object>, HttpResponse<Object>> clientAttributes() {
        return HttpClientAttributesExtractor.create(new ClientGetter());
    }

    /** Inbound requests: no query, the route template as path. */
    static final class ServerGetter implements HttpServerAttributesGetter<HttpRequest<Object>, HttpResponse<Object>> {

        @Override
        public String getHttpRequestMethod(HttpRequest<Object> request) {
            return request.getMethodName();
        }

        @Override
        public List<String> getHttpRequestHeader(HttpRequest<Object> request, String name) {
            return request.getHeaders().getAll(name);
        }

        @Override
        public Integer getHttpResponseStatusCode(HttpRequest<Object> request, HttpResponse<Object> response,
                                                 @Nullable Throwable error) {
            return response.code();
        }

        @Override
        public List<String> getHttpResponseHeader(HttpRequest<Object> request, HttpResponse<Object> response,
                                                  String name) {
            return response.getHeaders().getAll(name);
        }

        @Override
        @Nullable
        public String getNetworkProtocolVersion(HttpRequest<Object> request, @Nullable HttpResponse<Object> response) {
            return PROTOCOL_VERSION.get(request.getHttpVersion());
        }

        @Override
        @Nullable
        public String getUrlScheme(HttpRequest<Object> request) {
            return request.getUri().getScheme();
        }

        /** The route template ({@code /api/v1/locations/{locationId}/access-token}), never the ids in the path. */
        @Override
        @Nullable
        public String getUrlPath(HttpRequest<Object> request) {
            return getHttpRoute(request);
        }

        /** Never reported: the OAuth callback's query holds the authorization code. */
        @Override
        @Nullable
        public String getUrlQuery(HttpRequest<Object> request) {
            return null;
        }

        @Override
        @Nullable
        public String getHttpRoute(HttpRequest<Object> request) {
            return RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(route -> ((UriRouteInfo<?, ?>) route).getUriMatchTemplate().toPathString())
                .orElse(null);
        }
    }

    /** Outbound calls: {@code url.full} without query, fragment or user info. */
    static final class ClientGetter
        implements HttpClientAttributesGetter<MutableHttpRequest<Object>, HttpResponse<Object>> {

        @Override
        public String getHttpRequestMethod(MutableHttpRequest<Object> request) {
            return request.getMethodName();
        }

        @Override
        public List<String> getHttpRequestHeader(MutableHttpRequest<Object> request, String name) {
            return request.getHeaders().getAll(name);
        }

        @Override
        public Integer getHttpResponseStatusCode(MutableHttpRequest<Object> request, HttpResponse<Object> response,
                                                 @Nullable Throwable error) {
            return response.code();
        }

        @Override
        public List<String> getHttpResponseHeader(MutableHttpRequest<Object> request, HttpResponse<Object> response,
                                                  String name) {
            return response.getHeaders().getAll(name);
        }

        @Override
        @Nullable
        public String getNetworkProtocolVersion(MutableHttpRequest<Object> request,
                                                @Nullable HttpResponse<Object> response) {
            return PROTOCOL_VERSION.get(request.getHttpVersion());
        }

        @Override
        @Nullable
        public String getUrlFull(MutableHttpRequest<Object> request) {
            return withoutQuery(request.getUri());
        }

        @Override
        @Nullable
        public String getServerAddress(MutableHttpRequest<Object> request) {
            return BasicHttpAttributes.getServiceId(request).filter(id -> !id.contains("/"))
                .orElseGet(() -> request.getUri().getHost());
        }

        @Override
        @Nullable
        public Integer getServerPort(MutableHttpRequest<Object> request) {
            int port = request.getUri().getPort();
            return port < 0 ? null : port;
        }
    }

    /** {@code scheme://host[:port]/path} of an absolute URI, the path alone of a relative one; never query or user. */
    @Nullable
    static String withoutQuery(@Nullable URI uri) {
        if (uri == null) {
            return null;
        }
        StringBuilder full = new StringBuilder();
        if (uri.getScheme() != null && uri.getHost() != null) {
            full.append(uri.getScheme()).append("://").append(uri.getHost());
            if (uri.getPort() >= 0) {
                full.append(':').append(uri.getPort());
            }
        }
        String path = uri.getRawPath();
        full.append(path == null || path.isEmpty() ? "/" : path);
        return full.toString();
    }
}
