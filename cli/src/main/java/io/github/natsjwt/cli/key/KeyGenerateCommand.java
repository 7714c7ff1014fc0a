package io.github.natsjwt.cli.key;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.SecretFiles;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code natsjwt key generate}: creates a key and prints (or saves) its seed. */
@Command(
    name = "generate",
    description = {
      "Generate a new key and print its seed, or save it to a file with owner-only permissions.",
      "The seed is the secret: anyone who has it can act as the key's owner."
    })
public final class KeyGenerateCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "<type>",
      converter = KeyTypes.Converter.class,
      completionCandidates = KeyTypes.Names.class,
      description = "Key type: ${COMPLETION-CANDIDATES} (x25519 and xkey also mean curve).")
  private NKeyType type;

  @Option(
      names = "--out",
      paramLabel = "<file>",
      description =
          "Write the seed to this new file (owner-only permissions) and print the public key.")
  private @Nullable Path out;

  @Option(names = "--force", description = "With --out: replace the file if it exists.")
  private boolean force;

  @Option(
      names = "--pubout",
      description = "Also print the public key, after the seed (as nk -gen -pubout).")
  private boolean pubout;

  /**
   * Creates the command.
   *
   * @param streams where it writes
   */
  public KeyGenerateCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    try (NKey key = NKey.generate(type)) {
      char[] seed = key.seed();
      byte[] line = new byte[seed.length + 1];
      try {
        for (int i = 0; i < seed.length; i++) {
          line[i] = (byte) seed[i];
        }
        line[seed.length] = '\n';
        if (out != null) {
          SecretFiles.write(out, line, force, streams);
          streams.out().println(key.publicKey());
        } else {
          streams.out().write(line, 0, line.length);
          if (pubout) {
            streams.out().println(key.publicKey());
          }
        }
        streams.out().flush();
      } finally {
        Arrays.fill(seed, '\0');
        Arrays.fill(line, (byte) 0);
      }
    }
    return ExitCodes.OK;
  }
}
