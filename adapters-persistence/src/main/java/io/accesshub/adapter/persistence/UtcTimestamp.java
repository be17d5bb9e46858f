package io.accesshub.adapter.persistence;

import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks an {@link java.time.Instant} row property stored in a UTC {@code DATETIME(6)} column via {@link DbTime}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@MappedProperty(converter = UtcTimestampConverter.class, converterPersistedType = String.class)
@TypeDef(type = DataType.STRING, converter = UtcTimestampConverter.class)
public @interface UtcTimestamp {
}
