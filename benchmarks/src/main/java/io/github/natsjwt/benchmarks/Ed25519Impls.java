package io.github.natsjwt.benchmarks;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import net.i2p.crypto.eddsa.EdDSAEngine;
import net.i2p.crypto.eddsa.EdDSAPrivateKey;
import net.i2p.crypto.eddsa.EdDSAPublicKey;
import net.i2p.crypto.eddsa.spec.EdDSANamedCurveTable;
import net.i2p.crypto.eddsa.spec.EdDSAParameterSpec;
import net.i2p.crypto.eddsa.spec.EdDSAPrivateKeySpec;
import net.i2p.crypto.eddsa.spec.EdDSAPublicKeySpec;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Ed25519 implementations that {@link SignBenchmark}, {@link VerifyBenchmark} and {@link
 * PairedBenchmark} compare, each set up once for the one fixed {@code USER} key ({@link #FIXED}),
 * as a program would hold a key it uses again and again:
 *
 * <ul>
 *   <li>natsjwt: a signing {@code NKey} from the seed, and a verify-only {@code NKey} from the
 *       public key string (the hot issuer key of a server);
 *   <li>BouncyCastle's low-level {@code Ed25519} on the raw key bytes (the baseline), and with an
 *       {@code Ed25519.PublicPoint} decoded once;
 *   <li>the JDK's {@code Signature("Ed25519")} with cached keys, initialised once per thread;
 *   <li>{@code net.i2p.crypto:eddsa}'s {@code EdDSAEngine} with cached keys (the public key object
 *       precomputes its point), initialised once per thread;
 *   <li>jnats's {@code io.nats.client.NKey} from the seed and from the public key.
 * </ul>
 *
 * <p>Each implementation's code is written once, here; the benchmarks call these methods, and
 * {@link #checkAgreement} runs the same methods before anything is measured.
 */
public final class Ed25519Impls {
  // Before FIXED, which needs it.
  private static final EdDSAParameterSpec I2P_ED25519 =
      EdDSANamedCurveTable.getByName(EdDSANamedCurveTable.ED_25519);

  /** The fixed key of every Ed25519 benchmark. */
  static final Ed25519Impls FIXED = new Ed25519Impls(Fixtures.bytes(NKey.KEY_BYTES, 100));

  final byte[] rawSeed;
  final byte[] rawPublic;
  final NKey nkeySigner;
  final NKey nkeyVerifier;
  final Ed25519.PublicPoint point;
  final io.nats.client.NKey jnatsSigner;
  final io.nats.client.NKey jnatsVerifier;
  final PrivateKey jdkPrivate;
  final PublicKey jdkPublic;
  final EdDSAPrivateKey i2pPrivate;
  final EdDSAPublicKey i2pPublic;

  private Ed25519Impls(byte[] seed) {
    rawSeed = seed.clone();
    nkeySigner = NKey.fromRawSeed(NKeyType.USER, rawSeed);
    rawPublic = nkeySigner.publicKeyBytes();
    nkeyVerifier = NKey.fromPublicKey(nkeySigner.publicKey());
    point = Ed25519.validatePublicKeyPartialExport(rawPublic, 0);
    Fixtures.check(point != null, "the fixture public key decodes");
    jnatsSigner = io.nats.client.NKey.fromSeed(nkeySigner.seed());
    jnatsVerifier = io.nats.client.NKey.fromPublicKey(nkeySigner.publicKey().toCharArray());
    try {
      jdkPrivate = Fixtures.jdkPrivateKey(rawSeed);
      jdkPublic = Fixtures.jdkPublicKey(rawPublic);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
    i2pPrivate = new EdDSAPrivateKey(new EdDSAPrivateKeySpec(rawSeed, I2P_ED25519));
    i2pPublic = new EdDSAPublicKey(new EdDSAPublicKeySpec(rawPublic, I2P_ED25519));
  }

  /**
   * The stateful objects, one set per thread: the JDK's {@code Signature} and i2p's {@code
   * EdDSAEngine}, initialised once with the cached keys. After {@code sign()} or {@code verify()}
   * both are ready for the next message with the same key.
   */
  @State(Scope.Thread)
  public static class Engines {
    Signature jdkSigner;
    Signature jdkVerifier;
    EdDSAEngine i2pSigner;
    EdDSAEngine i2pVerifier;

    /** Initialises the engines for {@link #FIXED}. */
    @Setup
    public void setUp() throws GeneralSecurityException {
      jdkSigner = Signature.getInstance("Ed25519");
      jdkSigner.initSign(FIXED.jdkPrivate);
      jdkVerifier = Signature.getInstance("Ed25519");
      jdkVerifier.initVerify(FIXED.jdkPublic);
      i2pSigner = new EdDSAEngine(MessageDigest.getInstance("SHA-512"));
      i2pSigner.initSign(FIXED.i2pPrivate);
      i2pVerifier = new EdDSAEngine(MessageDigest.getInstance("SHA-512"));
      i2pVerifier.initVerify(FIXED.i2pPublic);
    }

    static Engines ready() throws GeneralSecurityException {
      Engines e = new Engines();
      e.setUp();
      return e;
    }
  }

  byte[] nkeySign(byte[] message) {
    return nkeySigner.sign(message);
  }

  /** Allocates the 64-byte result as the others do. */
  byte[] bcSign(byte[] message) {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(rawSeed, 0, rawPublic, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  static byte[] jdkSign(Engines e, byte[] message) throws GeneralSecurityException {
    e.jdkSigner.update(message);
    return e.jdkSigner.sign();
  }

  static byte[] i2pSign(Engines e, byte[] message) throws GeneralSecurityException {
    return e.i2pSigner.signOneShot(message);
  }

  byte[] jnatsSign(byte[] message) throws GeneralSecurityException, IOException {
    return jnatsSigner.sign(message);
  }

  boolean nkeyVerify(byte[] message, byte[] signature) {
    return nkeyVerifier.verify(message, signature);
  }

  /** The baseline: what a caller holding the 32 raw key bytes writes. */
  boolean bcRawVerify(byte[] message, byte[] signature) {
    return Ed25519.verify(signature, 0, rawPublic, 0, message, 0, message.length);
  }

  boolean bcPointVerify(byte[] message, byte[] signature) {
    return Ed25519.verify(signature, 0, point, message, 0, message.length);
  }

  static boolean jdkVerify(Engines e, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    e.jdkVerifier.update(message);
    return e.jdkVerifier.verify(signature);
  }

  static boolean i2pVerify(Engines e, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    return e.i2pVerifier.verifyOneShot(message, signature);
  }

  boolean jnatsVerify(byte[] message, byte[] signature)
      throws GeneralSecurityException, IOException {
    return jnatsVerifier.verify(message, signature);
  }

  /**
   * Fails the run unless all five signers give the same signature of {@code message} (Ed25519 is
   * deterministic), every verifier accepts the signature of every signer, and every verifier
   * rejects it with one bit flipped and over a changed message. Returns the signature.
   */
  byte[] checkAgreement(byte[] message) {
    try {
      Engines e = Engines.ready();
      byte[] expected = nkeySign(message);
      byte[][] signatures = {
        expected, bcSign(message), jdkSign(e, message), i2pSign(e, message), jnatsSign(message)
      };
      String[] signers = {"NKey", "BouncyCastle", "JDK", "i2p", "jnats"};
      byte[] changed = message.clone();
      changed[0] ^= 1;
      for (int i = 0; i < signatures.length; i++) {
        byte[] sig = signatures[i];
        Fixtures.check(
            Arrays.equals(expected, sig), signers[i] + " signs the same bytes as NKey.sign");
        checkVerdicts(message, sig, true, "the signature made by " + signers[i]);
        byte[] flipped = sig.clone();
        flipped[i] ^= 0x10;
        checkVerdicts(message, flipped, false, "a flipped bit in the " + signers[i] + " one");
        checkVerdicts(changed, sig, false, "the " + signers[i] + " one over another message");
      }
      return expected;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("benchmark setup check failed", e);
    }
  }

  /** A verification whose result the checks read. */
  @FunctionalInterface
  private interface Verdict {
    boolean verify() throws GeneralSecurityException, IOException;
  }

  private void checkVerdicts(byte[] message, byte[] signature, boolean valid, String what)
      throws GeneralSecurityException, IOException {
    // Fresh engines: the JDK's may be left mid-message by a signature it throws on.
    Engines e = Engines.ready();
    Verdict[] verdicts = {
      () -> nkeyVerify(message, signature),
      () -> bcRawVerify(message, signature),
      () -> bcPointVerify(message, signature),
      () -> jdkVerify(e, message, signature),
      () -> i2pVerify(e, message, signature),
      () -> jnatsVerify(message, signature)
    };
    String[] verifiers = {
      "NKey", "BouncyCastle", "BouncyCastle (cached point)", "JDK", "i2p", "jnats"
    };
    for (int i = 0; i < verdicts.length; i++) {
      boolean accepted;
      try {
        accepted = verdicts[i].verify();
      } catch (SignatureException invalid) {
        // The JDK throws for an R that is not a point; that is a rejection too.
        accepted = false;
      }
      Fixtures.check(accepted == valid, verifiers[i] + (valid ? " accepts " : " rejects ") + what);
    }
  }
}
