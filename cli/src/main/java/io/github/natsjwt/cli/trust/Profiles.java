package io.github.natsjwt.cli.trust;

import io.github.natsjwt.trust.ServerProfile;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --profile}: {@code latest}, {@code 2.10} or {@code 2.9}. */
final class Profiles implements ITypeConverter<ServerProfile> {
  /** The values {@code --profile} takes, for help texts. */
  static final String VALUES = "latest, 2.10 or 2.9";

  @Override
  public ServerProfile convert(String value) {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "latest":
        return ServerProfile.LATEST;
      case "2.10":
        return ServerProfile.V2_10;
      case "2.9":
        return ServerProfile.V2_9;
      default:
        throw new TypeConversionException("'" + value + "' is not a server profile; use " + VALUES);
    }
  }

  /**
   * Names a profile as {@code --profile} takes it, for JSON output.
   *
   * @param profile the profile
   * @return {@code latest}, {@code 2.10} or {@code 2.9}
   */
  static String value(ServerProfile profile) {
    switch (profile) {
      case V2_9:
        return "2.9";
      case V2_10:
        return "2.10";
      default:
        return "latest";
    }
  }

  /**
   * Names a profile for people.
   *
   * @param profile the profile
   * @return for example {@code 2.9 (nats-server 2.9.x)}
   */
  static String describe(ServerProfile profile) {
    switch (profile) {
      case V2_9:
        return "2.9 (nats-server 2.9.x)";
      case V2_10:
        return "2.10 (nats-server 2.10.19 and later 2.10.x)";
      default:
        return "latest (the current nats-server)";
    }
  }
}
