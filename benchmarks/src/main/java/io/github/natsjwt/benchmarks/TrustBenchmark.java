package io.github.natsjwt.benchmarks;

import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedUser;
import java.io.IOException;
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
 * {@code TrustVerifier.verifyUser} on clients' {@code CONNECT}s ({@link TrustFixture}), with the
 * account cached, against what a Java user writes today with Jackson and BouncyCastle.
 *
 * <p>The first three take the parameter {@code users} ({@link Connections}): 1 for one client
 * reconnecting again and again, 1000 for a thousand clients connecting round-robin. Every call
 * presents the next {@code CONNECT}: a nonce of its own, and the user JWT as a new {@code String},
 * as read from the network. They run on any number of threads (each thread goes round on its own).
 *
 * <ul>
 *   <li>{@code verifyUser}: a verifier with the default settings (account cache and verified-token
 *       cache on).
 *   <li>{@code verifyUserNoTokenCache}: the same with {@code verifiedTokenCacheSize(0)}: the user
 *       JWT's signature is verified at every {@code CONNECT}.
 *   <li>{@code jacksonBcNonce} (their baseline): {@link JacksonBcJwt#verifyConnect}, decode and
 *       verify the user JWT with Jackson and BouncyCastle, then verify the nonce signature with
 *       BouncyCastle; none of the server's other checks.
 * </ul>
 *
 * <p>The others verify the one fixed {@code CONNECT} of the fixture over and over: {@code
 * verifyUserCold} with the account cache off, {@code verifyUserNewVerifier} on a verifier built for
 * the call, {@code decodeVerifyNonce} (their baseline) the library's {@code Jwt.decode} and {@code
 * NKey.verify} of the nonce, and {@code bcTwoVerifies} the two signature checks alone.
 *
 * <p>See {@link TrustPairedBenchmark} for some of these comparisons timed call by call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// As long as the JWT benchmarks': the claims reader and the verifier are a lot of code to compile.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrustBenchmark {
  TrustFixture f;

  @Setup
  public void setUp() {
    f = new TrustFixture();
  }

  /** The {@code CONNECT}s the {@code users} benchmarks go round. */
  @State(Scope.Benchmark)
  public static class Connections {
    /** 1: the same user reconnects; 1000: as many users connect round-robin. */
    @Param({"1", "1000"})
    public int users;

    TrustFixture.Connect[] connects;

    @Setup
    public void setUp(TrustBenchmark b) {
      connects = b.f.connects(users);
    }
  }

  /** Where a thread is in its round of {@link Connections}. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    TrustFixture.Connect next(Connections c) {
      TrustFixture.Connect connect = c.connects[next];
      next = next + 1 == c.connects.length ? 0 : next + 1;
      return connect;
    }
  }

  /** The default verifier: the account and the user JWTs it has seen are cached. */
  @Benchmark
  public Verification<VerifiedUser> verifyUser(Connections c, Cursor at) {
    TrustFixture.Connect connect = at.next(c);
    return f.cached.verifyUser(connect.freshJwt(), connect.context);
  }

  /** The account cached, the user JWT's signature verified at every call. */
  @Benchmark
  public Verification<VerifiedUser> verifyUserNoTokenCache(Connections c, Cursor at) {
    TrustFixture.Connect connect = at.next(c);
    return f.noTokenCache.verifyUser(connect.freshJwt(), connect.context);
  }

  /** Baseline of the two above: Jackson + BouncyCastle decode, then one BouncyCastle verify. */
  @Benchmark
  public boolean jacksonBcNonce(Connections c, Cursor at) throws IOException {
    TrustFixture.Connect connect = at.next(c);
    return JacksonBcJwt.verifyConnect(connect.freshJwt(), connect.nonce, connect.nonceSignature);
  }

  /** Account cache disabled: the account JWT is decoded, verified and validated on every call. */
  @Benchmark
  public Verification<VerifiedUser> verifyUserCold() {
    return f.uncached.verifyUser(f.userJwt, f.context);
  }

  /** A verifier built for the call (operator JWT decoded too), as a one-off check would do. */
  @Benchmark
  public Verification<VerifiedUser> verifyUserNewVerifier() {
    return f.newVerifier(0).verifyUser(f.userJwt, f.context);
  }

  /** Baseline: {@code Jwt.decode} of the user JWT, then {@code NKey.verify} of the nonce. */
  @Benchmark
  public boolean decodeVerifyNonce() {
    return f.decodeVerifyNonce();
  }

  /** The two Ed25519 verifications in BouncyCastle on pre-decoded bytes (lower bound). */
  @Benchmark
  public boolean bcTwoVerifies() {
    return f.bcTwoVerifies();
  }
}
