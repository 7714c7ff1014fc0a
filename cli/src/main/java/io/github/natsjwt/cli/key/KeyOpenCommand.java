package io.github.natsjwt.cli.key;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
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

/** {@code natsjwt key open}: decrypts and authenticates a sealed message. */
@Command(
    name = "open",
    description = {
      "Open a message sealed for your curve key; write the plaintext to standard output.",
      "Exits 1 when the message does not authenticate (altered, or another sender or recipient)."
    })
public final class KeyOpenCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "<seedfile|->",
      description = "File holding your curve seed (SX...), or - for standard input.")
  private String keySource;

  @Option(
      names = "--sender",
      required = true,
      paramLabel = "<X...>",
      description = "The sender's curve public key, or a file holding it.")
  private String senderSource;

  @Parameters(
      index = "0",
      paramLabel = "<sealedfile|->",
      description = "The sealed message in base64, as 'key seal' prints it.")
  private String sealedSource;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public KeyOpenCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    Inputs.requireAtMostOneStdin(spec, keySource, senderSource, sealedSource);
    String sender = KeySources.readPublicKey(senderSource, "--sender", streams.in());
    byte[] sealed = readSealed();
    try (NKey key = KeySources.readSeed(keySource, "--key", streams.in())) {
      CurveKeys.requireCurve(key, keySource);
      byte[] plaintext = key.open(sealed, sender);
      try {
        streams.out().write(plaintext, 0, plaintext.length);
        streams.out().flush();
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
    return ExitCodes.OK;
  }

  private byte[] readSealed() {
    String text =
        Inputs.withoutWhiteSpace(Inputs.readAll(sealedSource, "sealed file", streams.in()));
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InputException(
          Inputs.describe("sealed file", sealedSource)
              + " is not standard base64 (as 'natsjwt key seal' prints it): "
              + e.getMessage(),
          e);
    }
  }
}
