package io.github.natsjwt.cli.key;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.nkey.NKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code natsjwt key seal}: encrypts and authenticates data for one curve key. */
@Command(
    name = "seal",
    description = {
      "Seal data from your curve key to a recipient's curve key (xkv1, XSalsa20-Poly1305).",
      "Prints the sealed message in standard base64 with padding."
    })
public final class KeySealCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "<seedfile|->",
      description = "File holding your curve seed (SX...), or - for standard input.")
  private String keySource;

  @Option(
      names = "--recipient",
      required = true,
      paramLabel = "<X...>",
      description = "The recipient's curve public key, or a file holding it.")
  private String recipientSource;

  @Parameters(index = "0", paramLabel = "<datafile|->", description = "The data to seal.")
  private String dataSource;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public KeySealCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    Inputs.requireAtMostOneStdin(spec, keySource, recipientSource, dataSource);
    String recipient = KeySources.readPublicKey(recipientSource, "--recipient", streams.in());
    try (NKey key = KeySources.readSeed(keySource, "--key", streams.in())) {
      CurveKeys.requireCurve(key, keySource);
      byte[] data = Inputs.readAll(dataSource, "data file", streams.in());
      try {
        streams.out().println(Base64.getEncoder().encodeToString(key.seal(data, recipient)));
      } finally {
        Arrays.fill(data, (byte) 0);
      }
    }
    return ExitCodes.OK;
  }
}
