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
 * Ed25519 signing of a 32-byte message: {@code NKey.sign} against BouncyCastle's low-level {@code
 * Ed25519.sign} with a precomputed public key (the baseline) and the JDK's {@code Signature}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignBenchmark {
  private byte[] message;
  private byte[] rawSeed;
  private byte[] rawPublic;
  private NKey nkey;

  /** JDK {@code Signature} objects are stateful, so each thread gets its own. */
  @State(Scope.Thread)
  public static class JdkSigner {
    Signature signature;

    @Setup
    public void setUp(SignBenchmark b) throws GeneralSecurityException {
      signature = Signature.getInstance("Ed25519");
      // Initialised once: after sign() the object is ready for the next message with the same key.
      signature.initSign(Fixtures.jdkPrivateKey(b.rawSeed));
    }
  }

  @Setup
  public void setUp() throws GeneralSecurityException {
    message = Fixtures.bytes(Fixtures.MESSAGE_BYTES, 1);
    rawSeed = Fixtures.bytes(NKey.KEY_BYTES, 100);
    nkey = NKey.fromRawSeed(NKeyType.USER, rawSeed);
    rawPublic = nkey.publicKeyBytes();

    byte[] expected = nkey.sign(message);
    Fixtures.checkSameSignature(expected, bcDirect(), "Ed25519.sign");
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(Fixtures.jdkPrivateKey(rawSeed));
    jdk.update(message);
    Fixtures.checkSameSignature(expected, jdk.sign(), "JDK Signature");
  }

  @Benchmark
  public byte[] nkey() {
    return nkey.sign(message);
  }

  /** Baseline. Allocates the 64-byte result like {@code NKey.sign} does. */
  @Benchmark
  public byte[] bcDirect() {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(rawSeed, 0, rawPublic, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  @Benchmark
  public byte[] jdk(JdkSigner s) throws GeneralSecurityException {
    s.signature.update(message);
    return s.signature.sign();
  }
}
