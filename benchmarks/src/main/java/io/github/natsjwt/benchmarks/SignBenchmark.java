package io.github.natsjwt.benchmarks;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ed25519 signing with a key loaded once ({@link Ed25519Impls}): {@code NKey.sign} against
 * BouncyCastle's low-level {@code Ed25519.sign} with the public key precomputed (the baseline), the
 * JDK's {@code Signature}, i2p's {@code EdDSAEngine} and jnats's {@code NKey.sign}. The setup fails
 * the run unless all five give the same bytes and every verifier accepts them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignBenchmark {
  /** Message size: a nonce-sized 32 bytes, or about what a user JWT's signature covers. */
  @Param({"32", "1024"})
  public int messageBytes;

  private final Ed25519Impls k = Ed25519Impls.FIXED;
  private byte[] message;

  @Setup
  public void setUp() {
    message = Fixtures.bytes(messageBytes, 1);
    k.checkAgreement(message);
  }

  @Benchmark
  public byte[] nkey() {
    return k.nkeySign(message);
  }

  /** Baseline. */
  @Benchmark
  public byte[] bcDirect() {
    return k.bcSign(message);
  }

  @Benchmark
  public byte[] jdk(Ed25519Impls.Engines e) throws GeneralSecurityException {
    return Ed25519Impls.jdkSign(e, message);
  }

  @Benchmark
  public byte[] i2p(Ed25519Impls.Engines e) throws GeneralSecurityException {
    return Ed25519Impls.i2pSign(e, message);
  }

  @Benchmark
  public byte[] jnats() throws GeneralSecurityException, IOException {
    return k.jnatsSign(message);
  }
}
