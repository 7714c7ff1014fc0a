package io.github.natsjwt.benchmarks;

import io.github.natsjwt.internal.ed25519.Ed25519PublicKey;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The library's own Ed25519 verifier against BouncyCastle's, paired call by call as in {@link
 * PairedBenchmark} (whose {@link PairedBenchmark.Times} reports the median per-call times and the
 * median ratio; above 1 the library is faster). A valid signature over a 32-byte message.
 *
 * <ul>
 *   <li>{@code hotKey}: {@code NKey.verify} on a key object that has verified many signatures, so
 *       it uses its precomputed tables (an issuer key), against {@code Ed25519.verify} with a
 *       cached {@code Ed25519.PublicPoint}.
 *   <li>{@code newKey}: {@code NKey.fromPublicKey(string).verify}, a key seen for the first time,
 *       against {@code Ed25519.verify} on the 32 raw key bytes.
 *   <li>{@code generalPath}: the verifier's general path on a decoded key (what a key object uses
 *       for its first three verifications), against BouncyCastle with a cached point.
 * </ul>
 *
 * <p>A paired method's {@code gc.alloc.rate.norm} counts both sides; the {@code *Alone} methods run
 * the library's side by itself, for its allocation per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class Ed25519PairedBenchmark {
  private byte[] message;
  private byte[] signature;
  private byte[] rawPublic;
  private String publicKey;
  private NKey hot;
  private Ed25519PublicKey decoded;
  private Ed25519.PublicPoint point;

  @Setup
  public void setUp() {
    message = Fixtures.bytes(Fixtures.MESSAGE_BYTES, 1);
    NKey signer = NKey.fromRawSeed(NKeyType.USER, Fixtures.bytes(NKey.KEY_BYTES, 100));
    signature = signer.sign(message);
    rawPublic = signer.publicKeyBytes();
    publicKey = signer.publicKey();
    hot = NKey.fromPublicKey(publicKey);
    for (int i = 0; i < 10; i++) {
      Fixtures.check(hot.verify(message, signature), "NKey verifies");
    }
    decoded = Ed25519PublicKey.decode(rawPublic);
    Fixtures.check(decoded != null && decoded.verify(message, signature), "general path verifies");
    point = Ed25519.validatePublicKeyPartialExport(rawPublic, 0);
    Fixtures.check(
        Ed25519.verify(signature, 0, point, message, 0, message.length), "BouncyCastle verifies");
    byte[] bad = signature.clone();
    bad[5] ^= 1;
    Fixtures.check(!hot.verify(message, bad), "NKey rejects a changed signature");
  }

  private boolean bcCached() {
    return Ed25519.verify(signature, 0, point, message, 0, message.length);
  }

  private boolean bcRaw() {
    return Ed25519.verify(signature, 0, rawPublic, 0, message, 0, message.length);
  }

  /** {@code NKey.verify} with a hot key against BouncyCastle with a cached point. */
  @Benchmark
  public void hotKey(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(bh, () -> hot.verify(message, signature), this::bcCached);
  }

  /** {@code NKey.fromPublicKey(string).verify} against BouncyCastle on raw key bytes. */
  @Benchmark
  public void newKey(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(bh, () -> NKey.fromPublicKey(publicKey).verify(message, signature), this::bcRaw);
  }

  /** The general path on a decoded key against BouncyCastle with a cached point. */
  @Benchmark
  public void generalPath(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(bh, () -> decoded.verify(message, signature), this::bcCached);
  }

  /** {@code NKey.verify} with a hot key alone, for its allocation. */
  @Benchmark
  public boolean hotKeyAlone() {
    return hot.verify(message, signature);
  }

  /** {@code NKey.fromPublicKey(string).verify} alone, for its allocation. */
  @Benchmark
  public boolean newKeyAlone() {
    return NKey.fromPublicKey(publicKey).verify(message, signature);
  }

  /** The general path on a decoded key alone, for its allocation. */
  @Benchmark
  public boolean generalPathAlone() {
    return decoded.verify(message, signature);
  }
}
