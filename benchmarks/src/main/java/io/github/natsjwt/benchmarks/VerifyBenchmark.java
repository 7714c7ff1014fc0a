package io.github.natsjwt.benchmarks;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.security.GeneralSecurityException;
import java.security.Signature;
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
 * Ed25519 verification of a valid signature over a 32-byte message, with the key object made once
 * and reused: {@code NKey.verify} against BouncyCastle's {@code Ed25519.verify} on raw key bytes
 * (the baseline, which decodes the public point on every call), BouncyCastle with a cached {@code
 * Ed25519.PublicPoint}, and the JDK's {@code Signature} initialised once with a cached key.
 *
 * <p>See {@link VerifyFromStringBenchmark} for the case where the key arrives as a string.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VerifyBenchmark {
  private byte[] message;
  private byte[] signature;
  private byte[] rawPublic;
  private NKey nkey;
  private Ed25519.PublicPoint point;

  /** JDK {@code Signature} objects are stateful, so each thread gets its own. */
  @State(Scope.Thread)
  public static class JdkVerifier {
    Signature signature;

    @Setup
    public void setUp(VerifyBenchmark b) throws GeneralSecurityException {
      signature = Signature.getInstance("Ed25519");
      // Initialised once: after verify() the object is ready for the next message with the same key.
      signature.initVerify(Fixtures.jdkPublicKey(b.rawPublic));
    }
  }

  @Setup
  public void setUp() throws GeneralSecurityException {
    message = Fixtures.bytes(Fixtures.MESSAGE_BYTES, 1);
    NKey signer = NKey.fromRawSeed(NKeyType.USER, Fixtures.bytes(NKey.KEY_BYTES, 100));
    signature = signer.sign(message);
    rawPublic = signer.publicKeyBytes();
    nkey = NKey.fromPublicKey(signer.publicKey());
    point = Ed25519.validatePublicKeyPartialExport(rawPublic, 0);
    Fixtures.check(point != null, "the fixture public key decodes");

    Fixtures.checkVerifies(nkey, message, signature);
    Fixtures.check(bcRaw(), "Ed25519.verify accepts the fixture");
    Fixtures.check(bcCachedPoint(), "Ed25519.verify with a PublicPoint accepts the fixture");
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initVerify(Fixtures.jdkPublicKey(rawPublic));
    jdk.update(message);
    Fixtures.check(jdk.verify(signature), "JDK Signature accepts the fixture");
  }

  @Benchmark
  public boolean nkey() {
    return nkey.verify(message, signature);
  }

  /** Baseline: what a caller holding the 32 raw key bytes would write. */
  @Benchmark
  public boolean bcRaw() {
    return Ed25519.verify(signature, 0, rawPublic, 0, message, 0, message.length);
  }

  /** Lower bound for a cached key: {@code NKey.verify} does this plus its argument checks. */
  @Benchmark
  public boolean bcCachedPoint() {
    return Ed25519.verify(signature, 0, point, message, 0, message.length);
  }

  @Benchmark
  public boolean jdkCachedKey(JdkVerifier v) throws GeneralSecurityException {
    v.signature.update(message);
    return v.signature.verify(signature);
  }
}
