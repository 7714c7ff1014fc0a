package io.github.natsjwt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Supplies {@code natsjwt --version} from the version Maven filtered into the jar. */
public final class VersionProvider implements IVersionProvider {
  /** Creates the provider; picocli calls this. */
  public VersionProvider() {}

  @Override
  public String[] getVersion() {
    return new String[] {Main.NAME + " " + version()};
  }

  /**
   * Returns the project version, for example {@code 0.1.0}.
   *
   * @return the version, or {@code unknown} when the resource is missing
   */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String v = p.getProperty("version", "unknown");
    return v.startsWith("${") ? "unknown" : v;
  }
}
