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
 * Ed25519 verification of a valid signature with the key object made once and reused, as a server
 * verifies tokens from a handful of issuer keys ({@link Ed25519Impls}): {@code NKey.verify} against
 * BouncyCastle's {@code Ed25519.verify} on raw key bytes (the baseline, which decodes the public
 * point on every call), BouncyCastle with a cached {@code Ed25519.PublicPoint}, the JDK's {@code
 * Signature} and i2p's {@code EdDSAEngine} with cached keys, and jnats's {@code NKey.verify}. The
 * setup fails the run unless every implementation accepts every other's signature and rejects
 * altered ones.
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
  /** Message size: a nonce-sized 32 bytes, or about what a user JWT's signature covers. */
  @Param({"32", "1024"})
  public int messageBytes;

  private final Ed25519Impls k = Ed25519Impls.FIXED;
  private byte[] message;
  private byte[] signature;

  @Setup
  public void setUp() {
    message = Fixtures.bytes(messageBytes, 1);
    signature = k.checkAgreement(message);
  }

  @Benchmark
  public boolean nkey() {
    return k.nkeyVerify(message, signature);
  }

  /** Baseline: what a caller holding the 32 raw key bytes would write. */
  @Benchmark
  public boolean bcRaw() {
    return k.bcRawVerify(message, signature);
  }

  /** BouncyCastle with the public point decoded once. */
  @Benchmark
  public boolean bcCachedPoint() {
    return k.bcPointVerify(message, signature);
  }

  @Benchmark
  public boolean jdkCachedKey(Ed25519Impls.Engines e) throws GeneralSecurityException {
    return Ed25519Impls.jdkVerify(e, message, signature);
  }

  @Benchmark
  public boolean i2pCachedKey(Ed25519Impls.Engines e) throws GeneralSecurityException {
    return Ed25519Impls.i2pVerify(e, message, signature);
  }

  @Benchmark
  public boolean jnats() throws GeneralSecurityException, IOException {
    return k.jnatsVerify(message, signature);
  }
}
