package io.github.natsjwt.benchmarks;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the inputs of the comparison with the Go reference to a directory, once, so that the Go
 * program ({@code benchmarks/go}) and {@link GoComparisonBenchmark} read the same bytes. {@code
 * results.sh} runs it:
 *
 * <pre>java -cp natsjwt-benchmarks.jar io.github.natsjwt.benchmarks.GoFixtures DIRECTORY</pre>
 *
 * <p>The files, all text:
 *
 * <ul>
 *   <li>{@code user.jwt}: the {@code user} token of {@link JwtFixtures} (issued by an account
 *       signing key).
 *   <li>{@code operator.jwt}, {@code account.jwt}, {@code chain-user.jwt}: the chain of {@link
 *       TrustFixture}: the account signed by an operator signing key, the user by an account
 *       signing key.
 *   <li>{@code connects.txt}: the {@value TrustFixture#CONNECTS} {@code CONNECT}s of {@code
 *       TrustFixture.connects(1000)}, one a line: user JWT, nonce, nonce signature (base64url),
 *       separated by a space. Each of another user issued by the same account signing key.
 *   <li>{@code ed25519.txt}: three lines: a {@code USER} public key, a 32-byte message in hex, its
 *       signature in hex.
 * </ul>
 */
public final class GoFixtures {
  /** The number of the key of {@code ed25519.txt} ({@link JwtFixtures#key}). */
  private static final int ED25519_KEY = 8_000;

  private GoFixtures() {}

  /**
   * Writes the files.
   *
   * @param args the directory to write to (created if missing)
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Fixtures.check(args.length == 1, "one argument: the directory to write to");
    Path dir = Files.createDirectories(Path.of(args[0]));
    write(dir, "user.jwt", JwtFixtures.user().token);

    TrustFixture trust = new TrustFixture();
    write(dir, "operator.jwt", trust.operatorJwt);
    write(dir, "account.jwt", trust.accountJwt);
    write(dir, "chain-user.jwt", trust.userJwt);
    StringBuilder connects = new StringBuilder();
    for (TrustFixture.Connect c : trust.connects(TrustFixture.CONNECTS)) {
      connects
          .append(new String(c.jwt, StandardCharsets.US_ASCII))
          .append(' ')
          .append(c.nonce)
          .append(' ')
          .append(c.nonceSignature)
          .append('\n');
    }
    Files.writeString(dir.resolve("connects.txt"), connects, StandardCharsets.US_ASCII);

    NKey key = JwtFixtures.key(NKeyType.USER, ED25519_KEY);
    byte[] message = Fixtures.bytes(Fixtures.MESSAGE_BYTES, 11);
    byte[] signature = key.sign(message);
    HexFormat hex = HexFormat.of();
    Files.write(
        dir.resolve("ed25519.txt"),
        List.of(key.publicKey(), hex.formatHex(message), hex.formatHex(signature)),
        StandardCharsets.US_ASCII);
  }

  private static void write(Path dir, String name, String token) throws IOException {
    Files.writeString(dir.resolve(name), token + "\n", StandardCharsets.US_ASCII);
  }
}
