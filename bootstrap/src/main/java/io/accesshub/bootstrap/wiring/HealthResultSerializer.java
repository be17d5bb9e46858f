package io.accesshub.bootstrap.wiring;

import io.micronaut.core.type.Argument;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Writes a health result without the fields it does not have: a status-only answer is exactly
 * {@code {"status":"UP"}}, although the hub's API otherwise writes null fields ({@code inclusion: ALWAYS}).
 */
@Singleton
public class HealthResultSerializer implements Serializer<HealthResult> {

    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends HealthResult> type,
                          HealthResult value) throws IOException {
        Encoder object = encoder.encodeObject(type);
        if (value.getName() != null) {
            object.encodeKey("name");
            object.encodeString(value.getName());
        }
        object.encodeKey("status");
        object.encodeString(value.getStatus().getName());
        if (value.getDetails() != null) {
            object.encodeKey("details");
            Object details = value.getDetails();
            @SuppressWarnings("unchecked")
            Argument<Object> detailsType = (Argument<Object>) Argument.of(details.getClass());
            context.findSerializer(detailsType).createSpecific(context, detailsType)
                .serialize(object, context, detailsType, details);
        }
        object.finishStructure();
    }
}
