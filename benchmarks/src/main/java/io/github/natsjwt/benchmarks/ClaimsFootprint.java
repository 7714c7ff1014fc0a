package io.github.natsjwt.benchmarks;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;

/**
 * Prints how many bytes a decoded user JWT keeps alive: the objects reachable from the claims (and
 * from the whole {@code DecodedJwt}) that the decode allocated. Objects that a second decode of the
 * same token reaches too (constants, interned or cached values) are not counted. A cross-check for
 * {@code JwtBenchmark.claimsBuild}, whose B/op also counts the builder's temporary objects and not
 * the values the copy shares with the original. {@code results.sh} runs it:
 *
 * <pre>java -cp natsjwt-benchmarks.jar io.github.natsjwt.benchmarks.ClaimsFootprint</pre>
 */
public final class ClaimsFootprint {
  private ClaimsFootprint() {}

  /** Prints {@code claims_retained=<bytes>} and {@code decoded_jwt_retained=<bytes>}. */
  public static void main(String[] args) {
    String token = JwtFixtures.user().token;
    DecodedJwt<Claims> first = Jwt.decode(token);
    DecodedJwt<Claims> second = Jwt.decode(token);
    System.out.printf(
        Locale.ROOT,
        "claims_retained=%d%ndecoded_jwt_retained=%d%n",
        own(first.claims(), second.claims()),
        own(first, second));
  }

  private static long own(Object decoded, Object decodedAgain) {
    return GraphLayout.parseInstance(decoded)
        .subtract(GraphLayout.parseInstance(decodedAgain))
        .totalSize();
  }
}
