package io.accesshub.application.port.out;

import io.accesshub.domain.relay.RelayMessage;

/** Renders a relay message as the JSON body subscribers receive ({@code {"type", "timestamp", "data"}}). */
public interface RelayBodies {

    /** The body of {@code message}, documented in {@code docs/extending.md}. */
    String render(RelayMessage message);
}
