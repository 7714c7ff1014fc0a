package io.github.natsjwt.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.ConnectionContext;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.Rule;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every Java snippet of the README: each snippet is the code between a pair of {@code //
 * README <name>} markers below, and must appear in README.md exactly (less indentation).
 */
class ReadmeTest {

  @Test
  void quickStart_runs() {
    // spotless:off (the README shows this as written)
    // README quick-start
    NKey operator = NKey.generate(NKeyType.OPERATOR);
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    NKey user = NKey.generate(NKeyType.USER);
    String accountJwt = Jwt.encode(AccountClaims.builder(account.publicKey()).build(), operator);
    String userJwt = Jwt.encode(UserClaims.builder(user.publicKey()).name("alice")
        .pub(Permission.allowing("orders.>")).build(), account);

    TrustVerifier verifier = TrustVerifier.builder().trustOperatorKey(operator.publicKey())
        .accountResolver(MemoryAccountResolver.of(accountJwt)).build(); // build once, share
    String nonce = "Vb2AlrQ6B4jUMdU"; // from the server's INFO
    ConnectionContext connect = ConnectionContext.builder().nonce(nonce)
        .signature(ConnectionContext.signNonce(nonce, user)).build();
    VerifiedUser alice = verifier.verifyUser(userJwt, connect).orElseThrow();
    boolean allowed = alice.permissions().canPublish("orders.new"); // true
    // README end
    // spotless:on

    assertTrue(allowed);
    assertFalse(alice.permissions().canPublish("billing.new"));
  }

  @Test
  void nkeys_runs() {
    // spotless:off (the README shows this as written)
    // README nkeys
    try (NKey alice = NKey.generate(NKeyType.CURVE); NKey bob = NKey.generate(NKeyType.CURVE)) {
      byte[] sealed = alice.seal("hi".getBytes(StandardCharsets.UTF_8), bob.publicKey());
      byte[] opened = bob.open(sealed, alice.publicKey()); // "hi"; xkv1, as Go and JS seal
    }
    NKey verifier = NKey.fromPublicKey("UAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKK");
    boolean valid = verifier.verify(data, signature); // Ed25519; verifyOrThrow(...) throws
    // README end
    // spotless:on

    assertFalse(valid);
  }

  private final byte[] data = "Hello World".getBytes(StandardCharsets.UTF_8);
  private final byte[] signature = new byte[64];

  @Test
  void jwt_runs() {
    NKey account = NKey.fromRawSeed(NKeyType.ACCOUNT, new byte[32]);
    NKey user = NKey.fromRawSeed(NKeyType.USER, new byte[32]);
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), java.time.ZoneOffset.UTC);
    // spotless:off (the README shows this as written)
    // README jwt
    UserClaims claims = UserClaims.builder(user.publicKey()).name("alice")
        .expiresAt(clock.instant().plus(Duration.ofHours(8))).build();
    String token = Jwt.encode(claims, account, clock); // same bytes as the Go reference
    DecodedJwt<UserClaims> decoded = Jwt.decode(token, UserClaims.class); // signature checked
    boolean blocking = decoded.claims().validate(clock).isBlocking(true); // expiry included
    // README end
    // spotless:on

    assertFalse(blocking);
    assertEquals(account.publicKey(), decoded.issuer());
  }

  @Test
  void creds_runs(@TempDir Path dir) {
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    NKey user = NKey.generate(NKeyType.USER);
    String userJwt = Jwt.encode(UserClaims.builder(user.publicKey()).build(), account);
    Path path = dir.resolve("alice.creds");
    // spotless:off (the README shows this as written)
    // README creds
    try (Creds written = Creds.of(userJwt, user)) {
      written.writeTo(path); // as nsc writes it; owner-only permissions
    }
    try (Creds creds = Creds.read(path)) { // seed checked against the JWT's subject
      String sig = creds.signNonce("Vb2AlrQ6B4jUMdU"); // the CONNECT "sig"
    }
    // README end
    // spotless:on
  }

  @Test
  void rejection_explains() {
    NKey operator = NKey.generate(NKeyType.OPERATOR);
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    NKey stranger = NKey.generate(NKeyType.ACCOUNT);
    NKey user = NKey.generate(NKeyType.USER);
    String accountJwt = Jwt.encode(AccountClaims.builder(account.publicKey()).build(), operator);
    String userJwt =
        Jwt.encode(
            UserClaims.builder(user.publicKey()).issuerAccount(account.publicKey()).build(),
            stranger);
    TrustVerifier verifier =
        TrustVerifier.builder()
            .trustOperatorKey(operator.publicKey())
            .accountResolver(MemoryAccountResolver.of(accountJwt))
            .build();
    String nonce = "Vb2AlrQ6B4jUMdU";
    ConnectionContext connect =
        ConnectionContext.builder()
            .nonce(nonce)
            .signature(ConnectionContext.signNonce(nonce, user))
            .build();
    // spotless:off (the README shows this as written)
    // README rejection
    Verification<VerifiedUser> result = verifier.verifyUser(userJwt, connect);
    if (!result.isAccepted()) {
      Rule rule = result.rejection().orElseThrow().rule(); // e.g. SIGNER_NOT_IN_ACCOUNT
      String why = result.rejection().orElseThrow().message(); // says how to fix it
    }
    // README end
    // spotless:on

    assertEquals(Rule.SIGNER_NOT_IN_ACCOUNT, result.rejection().orElseThrow().rule());
  }

  @Test
  void readme_containsEverySnippetAsTested() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/io/github/natsjwt/readme/ReadmeTest.java"));
    String readme = Files.readString(repositoryRoot().resolve("README.md"));
    List<String> names = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String marker = lines[i].strip();
      if (!marker.startsWith("// README ") || marker.equals("// README end")) {
        continue;
      }
      String name = marker.substring("// README ".length());
      StringBuilder block = new StringBuilder();
      while (!lines[++i].strip().equals("// README end")) {
        block.append(lines[i]).append('\n');
      }
      String snippet = dedent(block.toString());
      names.add(name);
      assertTrue(
          readme.contains(snippet),
          "README.md lacks the snippet '" + name + "' as this test runs it:\n" + snippet);
    }
    assertEquals(List.of("quick-start", "nkeys", "jwt", "creds", "rejection"), names);
  }

  private static String dedent(String block) {
    int indent = Integer.MAX_VALUE;
    for (String line : block.split("\n")) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String line : block.split("\n")) {
      sb.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return sb.toString();
  }

  private static Path repositoryRoot() {
    String testdata = System.getProperty("natsjwt.testdata.dir");
    if (testdata != null && !testdata.isBlank()) {
      return Paths.get(testdata).getParent();
    }
    return Paths.get("").toAbsolutePath().getParent();
  }
}
