package io.github.natsjwt.benchmarks;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ed25519 verification when a new key object is made for every call, as a server does when each
 * connection presents a different public key: {@code NKey.fromPublicKey(string).verify(...)}
 * against BouncyCastle's {@code Ed25519.verify} on raw key bytes (the baseline; it skips the base32
 * and checksum decoding that the NKey string needs) and the JDK path ({@code KeyFactory} from the
 * X.509 encoding, then {@code Signature.initVerify}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VerifyFromStringBenchmark {
  private byte[] message;
  private byte[] signature;
  private byte[] rawPublic;
  private String publicKey;
  private X509EncodedKeySpec jdkSpec;

  /**
   * JDK {@code Signature} and {@code KeyFactory} objects are stateful, so each thread gets its own.
   */
  @State(Scope.Thread)
  public static class Jdk {
    KeyFactory keyFactory;
    Signature signature;

    @Setup
    public void setUp() throws GeneralSecurityException {
      keyFactory = KeyFactory.getInstance("Ed25519");
      signature = Signature.getInstance("Ed25519");
    }
  }

  @Setup
  public void setUp() throws GeneralSecurityException {
    message = Fixtures.bytes(Fixtures.MESSAGE_BYTES, 1);
    NKey signer = NKey.fromRawSeed(NKeyType.USER, Fixtures.bytes(NKey.KEY_BYTES, 100));
    signature = signer.sign(message);
    rawPublic = signer.publicKeyBytes();
    publicKey = signer.publicKey();
    jdkSpec = Fixtures.ed25519PublicSpec(rawPublic);

    Fixtures.check(nkey(), "NKey.fromPublicKey(...).verify accepts the fixture");
    Fixtures.check(bcRaw(), "Ed25519.verify accepts the fixture");
    Jdk jdk = new Jdk();
    jdk.setUp();
    Fixtures.check(jdkKeyFactory(jdk), "JDK KeyFactory + Signature accepts the fixture");
  }

  @Benchmark
  public boolean nkey() {
    return NKey.fromPublicKey(publicKey).verify(message, signature);
  }

  /** Baseline: raw key bytes, so no base32 or checksum work at all. */
  @Benchmark
  public boolean bcRaw() {
    return Ed25519.verify(signature, 0, rawPublic, 0, message, 0, message.length);
  }

  @Benchmark
  public boolean jdkKeyFactory(Jdk jdk) throws GeneralSecurityException {
    jdk.signature.initVerify(jdk.keyFactory.generatePublic(jdkSpec));
    jdk.signature.update(message);
    return jdk.signature.verify(signature);
  }

  /** Diagnostic, no baseline: the decoding part of {@link #nkey()} alone. */
  @Benchmark
  public NKey nkeyFromPublicKeyOnly() {
    return NKey.fromPublicKey(publicKey);
  }
}
