package io.accesshub.application.port.out;

import io.accesshub.domain.relay.AttemptResult;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/** Sends relay deliveries over HTTP with short timeouts, never following redirects, and resolves their hosts. */
public interface RelayTransport {

    /** The addresses {@code host} resolves to now (as the send that follows will use them); empty when none. */
    List<InetAddress> resolve(String host);

    /** POSTs a JSON body with these headers; the result holds the answer code or a fixed error name, and the latency. */
    AttemptResult send(String url, Map<String, String> headers, byte[] body);
}
