package io.accesshub.adapter.http.relay;

import io.accesshub.application.port.out.RelayTransport;
import io.accesshub.domain.relay.AttemptResult;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Sends relay deliveries with Micronaut's HTTP client: redirects are never followed (a redirect could lead to an
 * internal address), timeouts are short ({@code accesshub.relay.connect-timeout}, default 2 s,
 * {@code accesshub.relay.read-timeout}, default 5 s) and the answer's body is never read into the hub's records.
 * Hosts are resolved through the JVM's resolver, whose cache (30 s by default) the client's connection then uses, so
 * the addresses checked before a send are the ones it connects to.
 */
@Singleton
public class RelayHttpTransport implements RelayTransport {

    private final HttpClient client;
    private final BlockingHttpClient blocking;

    public RelayHttpTransport(@Value("${accesshub.relay.connect-timeout:2s}") Duration connectTimeout,
                              @Value("${accesshub.relay.read-timeout:5s}") Duration readTimeout) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setFollowRedirects(false);
        configuration.setConnectTimeout(connectTimeout);
        configuration.setReadTimeout(readTimeout);
        configuration.setMaxContentLength(1024 * 1024);
        this.client = HttpClient.create(null, configuration);
        this.blocking = client.toBlocking();
    }

    @Override
    public List<InetAddress> resolve(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(InetAddress.getAllByName(bare));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Override
    public AttemptResult send(String url, Map<String, String> headers, byte[] body) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST(url, body);
        headers.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<?> response = blocking.exchange(request);
            return AttemptResult.answered(response.code(), since(started));
        } catch (HttpClientResponseException answered) {
            return AttemptResult.answered(answered.code(), since(started));
        } catch (ReadTimeoutException timeout) {
            return AttemptResult.failed("timeout", since(started));
        } catch (RuntimeException failed) {
            return AttemptResult.failed(errorName(failed), since(started));
        }
    }

    /** A fixed name for a failure without an answer; never the exception's message. */
    static String errorName(Throwable failed) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
            // before ConnectException: Netty's ConnectTimeoutException extends it
            if (t instanceof io.netty.channel.ConnectTimeoutException
                || t instanceof java.net.SocketTimeoutException) {
                return "timeout";
            }
            if (t instanceof ConnectException) {
                return "connection_refused";
            }
            if (t instanceof SSLException) {
                return "tls_error";
            }
            if (t instanceof UnknownHostException) {
                return "unresolved";
            }
        }
        return "io_error";
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
