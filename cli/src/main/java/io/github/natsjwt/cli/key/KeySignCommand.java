package io.github.natsjwt.cli.key;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.nkey.NKey;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code natsjwt key sign}: signs data, printing the signature as {@code nk -sign} does. */
@Command(
    name = "sign",
    description =
        "Sign data with a seed; print the Ed25519 signature in base64url without padding.")
public final class KeySignCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "<seedfile|->",
      description =
          "File holding the seed (the first line that is a valid key is used), or - for standard"
              + " input. Never the seed itself.")
  private String keySource;

  @Parameters(index = "0", paramLabel = "<datafile|->", description = "The data to sign.")
  private String dataSource;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public KeySignCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    Inputs.requireAtMostOneStdin(spec, keySource, dataSource);
    try (NKey key = KeySources.readSeed(keySource, "--key", streams.in())) {
      if (!key.type().isSigningType()) {
        throw new InputException(
            Inputs.describe("key file", keySource)
                + " holds a curve seed; curve keys seal and open but cannot sign. Use an"
                + " operator, account, user, server or cluster seed");
      }
      byte[] data = Inputs.readAll(dataSource, "data file", streams.in());
      streams.out().println(Base64.getUrlEncoder().withoutPadding().encodeToString(key.sign(data)));
    }
    return ExitCodes.OK;
  }
}
