package io.github.natsjwt.cli.trust;

import io.github.natsjwt.claims.ConnectionType;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --connection-type}: one of the types servers know, in any case. */
final class ConnectionTypes implements ITypeConverter<ConnectionType> {
  @Override
  public ConnectionType convert(String value) {
    String upper = value.strip().toUpperCase(Locale.ROOT);
    for (ConnectionType t : ConnectionType.knownValues()) {
      if (t.value().equals(upper)) {
        return t;
      }
    }
    throw new TypeConversionException(
        "'"
            + value
            + "' is not a connection type; use one of "
            + ConnectionType.knownValues().stream()
                .map(ConnectionType::value)
                .collect(Collectors.joining(", ")));
  }
}
