package io.accesshub.adapter.persistence;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Maps {@link Instant} properties of rows onto UTC {@code DATETIME(6)} columns through {@link DbTime}. */
@Singleton
public class UtcTimestampConverter implements AttributeConverter<Instant, String> {

    @Override
    public String convertToPersistedValue(Instant entityValue, ConversionContext context) {
        return DbTime.toColumn(entityValue);
    }

    @Override
    public Instant convertToEntityValue(String persistedValue, ConversionContext context) {
        return DbTime.fromColumn(persistedValue);
    }
}
