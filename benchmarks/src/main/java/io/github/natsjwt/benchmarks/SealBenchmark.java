package io.github.natsjwt.benchmarks;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * Sealing and opening a 128-byte message between two curve keys ({@code xkv1}, XSalsa20-Poly1305
 * after X25519): {@code NKey.seal} and {@code NKey.open}, which take the peer's public key as a
 * string, against {@link BcCryptoBox} with raw key bytes (the baseline). The JDK has no equivalent.
 * Both sides do the X25519 agreement on every call and both draw the 24-byte nonce from a default
 * {@code SecureRandom}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SealBenchmark {
  private byte[] plaintext;
  private NKey sender;
  private NKey recipient;
  private String senderPublicKey;
  private String recipientPublicKey;
  private byte[] senderSecret;
  private byte[] recipientSecret;
  private byte[] senderPublic;
  private byte[] recipientPublic;
  private byte[] sealed;
  private SecureRandom random;

  @Setup
  public void setUp() {
    plaintext = Fixtures.bytes(Fixtures.SEAL_PLAINTEXT_BYTES, 7);
    sender = NKey.fromRawSeed(NKeyType.CURVE, Fixtures.bytes(NKey.KEY_BYTES, 50));
    recipient = NKey.fromRawSeed(NKeyType.CURVE, Fixtures.bytes(NKey.KEY_BYTES, 150));
    senderPublicKey = sender.publicKey();
    recipientPublicKey = recipient.publicKey();
    senderSecret = sender.rawSeed();
    recipientSecret = recipient.rawSeed();
    senderPublic = sender.publicKeyBytes();
    recipientPublic = recipient.publicKeyBytes();
    random = new SecureRandom();
    sealed = sender.seal(plaintext, recipientPublicKey);

    // The baseline must be the same construction: each side opens what the other sealed.
    Fixtures.check(Arrays.equals(plaintext, bcOpen()), "BcCryptoBox opens what NKey.seal sealed");
    Fixtures.check(
        Arrays.equals(plaintext, recipient.open(bcSeal(), senderPublicKey)),
        "NKey.open opens what BcCryptoBox sealed");
    Fixtures.check(Arrays.equals(plaintext, nkeyOpen()), "NKey.open round-trips");
  }

  @Benchmark
  public byte[] nkeySeal() {
    return sender.seal(plaintext, recipientPublicKey);
  }

  /** Baseline for {@link #nkeySeal()}. */
  @Benchmark
  public byte[] bcSeal() {
    return BcCryptoBox.seal(senderSecret, recipientPublic, plaintext, random);
  }

  @Benchmark
  public byte[] nkeyOpen() {
    return recipient.open(sealed, senderPublicKey);
  }

  /** Baseline for {@link #nkeyOpen()}. */
  @Benchmark
  public byte[] bcOpen() {
    return BcCryptoBox.open(recipientSecret, senderPublic, sealed);
  }
}
