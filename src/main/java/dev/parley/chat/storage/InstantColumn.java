package dev.parley.chat.storage;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stores {@link Instant} fields in {@code TIMESTAMP WITH TIME ZONE} columns as UTC {@link OffsetDateTime},
 * the JDBC 4.2 type for them. EclipseLink 4.0 (Payara 6) has no mapping for {@code Instant} of its own and
 * would serialize it into a blob; Hibernate maps it either way, so the converter keeps both alike.
 */
@Converter(autoApply = true)
public class InstantColumn implements AttributeConverter<Instant, OffsetDateTime> {

    @Override
    public OffsetDateTime convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(OffsetDateTime column) {
        return column == null ? null : column.toInstant();
    }
}
