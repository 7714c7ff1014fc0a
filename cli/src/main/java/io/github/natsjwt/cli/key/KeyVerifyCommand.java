package io.github.natsjwt.cli.key;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.nkey.NKey;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code natsjwt key verify}: checks a signature, printing {@code Verified OK} as nk does. */
@Command(
    name = "verify",
    description = {
      "Verify an Ed25519 signature over data with a public key.",
      "Prints 'Verified OK' and exits 0, or exits 1 when the signature does not verify."
    })
public final class KeyVerifyCommand implements Callable<Integer> {
  private static final int SIGNATURE_BASE64URL_CHARS = 86;

  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Option(
      names = "--pubkey",
      required = true,
      paramLabel = "<key|file>",
      description = "The signer's public key, or a file (or -) holding it.")
  private String publicKeySource;

  @Option(
      names = "--sig",
      required = true,
      paramLabel = "<sig|sigfile>",
      description = "The signature in base64url, or a file (or -) holding it.")
  private String signatureSource;

  @Parameters(index = "0", paramLabel = "<datafile|->", description = "The signed data.")
  private String dataSource;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public KeyVerifyCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    Inputs.requireAtMostOneStdin(spec, publicKeySource, signatureSource, dataSource);
    NKey key =
        NKey.fromPublicKey(KeySources.readPublicKey(publicKeySource, "--pubkey", streams.in()));
    byte[] signature = readSignature();
    byte[] data = Inputs.readAll(dataSource, "data file", streams.in());
    key.verifyOrThrow(data, signature);
    streams.out().println("Verified OK");
    return ExitCodes.OK;
  }

  private byte[] readSignature() {
    String value = signatureSource;
    if (!Inputs.STDIN.equals(value)) {
      Optional<byte[]> inline =
          Inputs.decodeBase64(value).filter(b -> b.length == NKey.SIGNATURE_BYTES);
      if (inline.isPresent()) {
        return inline.get();
      }
      if (!Inputs.isReadable(value)) {
        throw new InputException(
            String.format(
                "cannot read signature file '%s': no such file (a signature given directly is %d"
                    + " characters of base64url)",
                value, SIGNATURE_BASE64URL_CHARS));
      }
    }
    String text = Inputs.withoutWhiteSpace(Inputs.readSmall(value, "signature file", streams.in()));
    if (text.isEmpty()) {
      throw new InputException(Inputs.describe("signature file", value) + " is empty");
    }
    return Inputs.decodeBase64(text)
        .orElseThrow(
            () ->
                new InputException(
                    Inputs.describe("signature file", value)
                        + " does not hold a base64url signature"));
  }
}
