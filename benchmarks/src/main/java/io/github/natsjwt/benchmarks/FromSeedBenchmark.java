package io.github.natsjwt.benchmarks;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.util.Arrays;
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
 * Loading a signing key: {@code NKey.fromSeed(char[])} (base32, checksum, public key derivation,
 * public key encoding) against BouncyCastle's {@code Ed25519.generatePublicKey} on the raw seed
 * (the baseline), with {@code NKey.fromRawSeed} in between to separate the decoding cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FromSeedBenchmark {
  private char[] seed;
  private byte[] rawSeed;

  @Setup
  public void setUp() {
    rawSeed = Fixtures.bytes(NKey.KEY_BYTES, 100);
    NKey key = NKey.fromRawSeed(NKeyType.USER, rawSeed);
    seed = key.seed();
    Fixtures.check(nkey().equals(key), "fromSeed round-trips");
    Fixtures.check(
        Arrays.equals(bcGeneratePublicKey(), key.publicKeyBytes()),
        "Ed25519.generatePublicKey gives the NKey public key");
  }

  @Benchmark
  public NKey nkey() {
    return NKey.fromSeed(seed);
  }

  /** Diagnostic: {@link #nkey()} without the base32 and checksum decoding of the seed. */
  @Benchmark
  public NKey nkeyFromRawSeed() {
    return NKey.fromRawSeed(NKeyType.USER, rawSeed);
  }

  /** Baseline. */
  @Benchmark
  public byte[] bcGeneratePublicKey() {
    byte[] pub = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(rawSeed, 0, pub, 0);
    return pub;
  }
}
