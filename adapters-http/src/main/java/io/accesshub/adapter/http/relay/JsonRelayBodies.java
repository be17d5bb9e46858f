package io.accesshub.adapter.http.relay;

import io.accesshub.application.port.out.RelayBodies;
import io.accesshub.domain.installation.InstallationEvent;
import io.accesshub.domain.marketplace.LocationId;
import io.accesshub.domain.marketplace.PlanId;
import io.accesshub.domain.relay.RelayMessage;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Renders relay messages with Micronaut Serialization (null fields kept, as everywhere in the API). */
@Singleton
public class JsonRelayBodies implements RelayBodies {

    private final JsonMapper json;

    public JsonRelayBodies(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String render(RelayMessage message) {
        InstallationEvent event = message.event();
        boolean location = event.key().locationId().isPresent();
        RelayBody body = new RelayBody(message.type().wireName(), event.occurredAt().toString(),
            new RelayBody.Data(event.installationId().toString(), event.key().appId().value(),
                event.key().companyId().value(), event.key().locationId().map(LocationId::value).orElse(null),
                location ? "Location" : "Company", event.status().name(), event.reason().name(),
                event.plan().map(PlanId::value).orElse(null), message.sequence()));
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render a relay body", e);
        }
    }
}
