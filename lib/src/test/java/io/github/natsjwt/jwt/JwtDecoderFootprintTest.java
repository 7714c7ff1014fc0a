package io.github.natsjwt.jwt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.internal.cache.VerifiedTokenCache;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.testing.AdversarialTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jol.info.GraphLayout;

/**
 * The memory bound of {@link JwtDecoder}'s cache, measured with JOL: for every claim shape built to
 * decode into as many objects as possible per character (tiny strings, empty objects, tiny map
 * entries), each remembered token retains no more than it is charged, and a full cache retains no
 * more than {@link JwtDecoder#cacheMemoryBound()}, its header and payload text read included.
 */
class JwtDecoderFootprintTest {
  private static final int ENTRIES = 128;
  private static final int[] FILL_LENGTHS = {600, 2_000, 8_000};
  private static final int[] LENGTHS = {600, 4_000, 16_000, 256 * 1024};

  static Stream<AdversarialTokens.Shape> shapes() {
    List<AdversarialTokens.Shape> all = new ArrayList<>();
    all.addAll(AdversarialTokens.userShapes());
    all.addAll(AdversarialTokens.activationShapes());
    all.addAll(AdversarialTokens.otherShapes());
    return all.stream().filter(s -> !s.type().equals("generic"));
  }

  private static long charge(int tokenChars) {
    return Math.max(
        JwtDecoder.CACHE_BYTES_PER_ENTRY,
        VerifiedTokenCache.ENTRY_OVERHEAD_BYTES
            + (long) JwtDecoder.CACHE_BYTES_PER_TOKEN_CHAR * tokenChars);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void decode_denseTokens_eachRetainsLessThanItsCharge(AdversarialTokens.Shape shape) {
    NKey signer = NKey.generate(shape.signerType());
    for (int chars : LENGTHS) {
      String token = shape.token(signer, signer.publicKey(), chars, chars);
      DecodedJwt<Claims> d = Jwt.decode(token);
      d.headerJson();
      d.payloadJson();
      long retained = GraphLayout.parseInstance(d).totalSize();
      System.out.printf(
          Locale.ROOT,
          "footprint %-40s %6d chars: %8d bytes retained, %5.2f per char, charged %8d%n",
          shape.name,
          token.length(),
          retained,
          retained / (double) token.length(),
          charge(token.length()));
      assertTrue(
          retained <= charge(token.length()),
          shape.name + " at " + token.length() + " chars retains " + retained);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void decode_cacheFullOfDenseTokens_retainsLessThanTheBound(AdversarialTokens.Shape shape) {
    NKey signer = NKey.generate(shape.signerType());
    JwtDecoder decoder =
        JwtDecoder.builder().verifiedTokenCacheSize(ENTRIES).cacheAnyIssuer().build();
    List<DecodedJwt<Claims>> decoded = new ArrayList<>();
    for (int i = 0; i < 3 * ENTRIES; i++) {
      String token = shape.token(signer, signer.publicKey(), FILL_LENGTHS[i % 3], i);
      decoded.add(decoder.decode(token));
    }
    for (DecodedJwt<Claims> d : decoded) {
      d.headerJson();
      d.payloadJson();
    }
    decoded.clear();
    long retained = GraphLayout.parseInstance(decoder).totalSize();
    System.out.printf(
        Locale.ROOT,
        "footprint cache of %-30s %3d tokens: %9d bytes retained, bound %9d%n",
        shape.name,
        decoder.cachedTokens(),
        retained,
        decoder.cacheMemoryBound());
    assertTrue(decoder.cachedTokens() > 0, "nothing cached");
    assertTrue(
        retained <= decoder.cacheMemoryBound(),
        shape.name + ": " + retained + " > " + decoder.cacheMemoryBound());
  }
}
