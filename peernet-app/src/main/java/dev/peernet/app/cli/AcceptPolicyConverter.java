package dev.peernet.app.cli;

import dev.peernet.send.AcceptPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --accept auto|ask|refuse}. */
final class AcceptPolicyConverter implements ITypeConverter<AcceptPolicy> {
    @Override
    public AcceptPolicy convert(String value) {
        try {
            return AcceptPolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
