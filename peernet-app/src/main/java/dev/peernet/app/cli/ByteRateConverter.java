package dev.peernet.app.cli;

import dev.peernet.app.daemon.ByteRate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads rate options such as {@code 50MB/s}; see {@link ByteRate}. */
final class ByteRateConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return ByteRate.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
