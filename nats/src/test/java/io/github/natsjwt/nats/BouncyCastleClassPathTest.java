package io.github.natsjwt.nats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jnats beside natsjwt on one BouncyCastle: this module keeps natsjwt's {@code bcprov-jdk18on} and
 * excludes the {@code bcprov-lts8on} that jnats asks for (README, "Using with jnats"). These tests
 * check that only one copy of the classes is on the test class path, that jnats's Ed25519 (the
 * classes it uses from BouncyCastle) gives RFC 8032's signatures on that copy, and that jnats
 * connects with a creds file, signing the server's nonce with it, on every server series.
 */
class BouncyCastleClassPathTest {
  /** Classes jnats 2.24.1 loads from BouncyCastle (its NKey), and the one natsjwt signs with. */
  private static final List<String> BOUNCY_CASTLE_CLASSES =
      List.of(
          "org/bouncycastle/crypto/params/Ed25519PublicKeyParameters.class",
          "org/bouncycastle/crypto/params/Ed25519PrivateKeyParameters.class",
          "org/bouncycastle/crypto/signers/Ed25519Signer.class",
          "org/bouncycastle/math/ec/rfc8032/Ed25519.class");

  @TempDir Path dir;

  @Test
  void classPath_bouncyCastleClasses_oneCopyFromBcprovJdk18on() throws Exception {
    ClassLoader loader = BouncyCastleClassPathTest.class.getClassLoader();
    String jar = null;
    for (String resource : BOUNCY_CASTLE_CLASSES) {
      List<URL> copies = Collections.list(loader.getResources(resource));
      assertEquals(
          1,
          copies.size(),
          () -> resource + " is on the class path " + copies.size() + " times: " + copies);
      String url = copies.get(0).toString();
      assertTrue(url.startsWith("jar:") && url.contains("!/"), url);
      String from = url.substring(0, url.indexOf("!/"));
      assertTrue(
          from.matches(".*/bcprov-jdk18on-[^/]*\\.jar"), () -> resource + " comes from " + from);
      if (jar == null) {
        jar = from;
      }
      assertEquals(jar, from, resource + " comes from another jar");
    }
    // No other BouncyCastle provider build (bcprov-lts8on, bcprov-jdk15on, ...) either, whatever
    // classes it holds: every jar has a manifest.
    List<String> providerJars =
        Collections.list(loader.getResources("META-INF/MANIFEST.MF")).stream()
            .map(URL::toString)
            .filter(u -> u.contains("/org/bouncycastle/bcprov"))
            .toList();
    assertEquals(1, providerJars.size(), providerJars::toString);
  }

  @Test
  void jnatsAndNatsjwt_loadBouncyCastleFromTheSameJar() throws Exception {
    Class<?> jnatsSigner =
        Class.forName(
            "org.bouncycastle.crypto.signers.Ed25519Signer",
            false,
            io.nats.client.NKey.class.getClassLoader());
    Class<?> natsjwtEd25519 =
        Class.forName(
            "org.bouncycastle.math.ec.rfc8032.Ed25519", false, NKey.class.getClassLoader());

    assertEquals(
        natsjwtEd25519.getProtectionDomain().getCodeSource().getLocation(),
        jnatsSigner.getProtectionDomain().getCodeSource().getLocation());
  }

  /** RFC 8032 section 7.1, tests 1 and 2: secret key, public key, message, signature. */
  static Stream<Arguments> rfc8032() {
    return Stream.of(
        Arguments.of(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        Arguments.of(
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"));
  }

  @ParameterizedTest
  @MethodSource("rfc8032")
  void jnatsNKey_onBcprovJdk18on_signsAsRfc8032(
      String secret, String publicKey, String message, String signature) throws Exception {
    HexFormat hex = HexFormat.of();
    NKey key = NKey.fromRawSeed(NKeyType.USER, hex.parseHex(secret));
    io.nats.client.NKey jnats = io.nats.client.NKey.fromSeed(key.seed());

    assertArrayEquals(hex.parseHex(publicKey), key.publicKeyBytes());
    assertEquals(key.publicKey(), new String(jnats.getPublicKey()));
    assertArrayEquals(hex.parseHex(signature), jnats.sign(hex.parseHex(message)));
    assertTrue(jnats.verify(hex.parseHex(message), hex.parseHex(signature)));
  }

  /**
   * jnats reads the creds file and signs the server's nonce with BouncyCastle's Ed25519Signer, here
   * bcprov-jdk18on's.
   */
  @NatsServerMatrix
  void jnatsCreds_onBcprovJdk18on_connectsAndRoundTrips(NatsServerVersion version)
      throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestUser alice = op.account("orders").user("alice");
    try (NatsServer server = version.start(op.serverConfig().build());
        Clients.Client client = Clients.connect(server, alice.writeCreds(dir))) {
      Connection nc = client.connection();
      assertEquals(Connection.Status.CONNECTED, nc.getStatus());
      Subscription sub = nc.subscribe("orders.new");
      nc.publish("orders.new", "1 coffee".getBytes(UTF_8));
      Message m = sub.nextMessage(Clients.WAIT);
      assertNotNull(m, version.label() + ": no message back");
      assertEquals("1 coffee", new String(m.getData(), UTF_8));
    }
  }
}
