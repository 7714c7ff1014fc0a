package io.github.natsjwt.internal.json;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.ClaimType;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ClaimsFormatException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading a payload costs work linear in its size whatever its shape: for each hostile shape the
 * steps counted by {@link JsonIn.Probes} (key comparisons, index steps, values checked and written)
 * grow about 4 times when the input grows 4 times; a quadratic reader would grow 16 times. Counted,
 * not timed, so the test does not depend on the machine's speed.
 */
class LinearReadingTest {
  private static final String ISS = "ADGJG7BA7QGCJ5JWFOI5DAAXEDPJNUA2IMR3PH2VPZZ2UGOQWZDZRVFX";
  private static final String TAIL =
      "\"iss\":\"" + ISS + "\",\"sub\":\"" + ISS + "\",\"nats\":{\"type\":\"user\",\"version\":2}}";

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(
            "keys sharing a fingerprint",
            (IntFunction<String>) n -> "{" + "\"\":0,".repeat(n) + TAIL),
        Arguments.of(
            "keys sharing iss's bucket",
            (IntFunction<String>)
                n -> {
                  StringBuilder b = new StringBuilder("{");
                  for (int i = 0; i < n; i++) {
                    b.append("\"i").append((char) ('a' + i % 18)).append("s\":0,");
                  }
                  return b.append(TAIL).toString();
                }),
        Arguments.of(
            "a field given again and again",
            (IntFunction<String>) n -> "{" + "\"sub\":\"x\",".repeat(n) + TAIL),
        Arguments.of(
            "case variants of a field",
            (IntFunction<String>) n -> "{" + "\"SUB\":\"x\",\"Sub\":null,".repeat(n) + TAIL),
        Arguments.of(
            "objects that merge",
            (IntFunction<String>)
                n ->
                    "{\"nats\":{\"type\":\"user\",\"version\":2"
                        + ",\"pub\":{\"allow\":[\"a\",\"b\"]},\"pub\":{\"deny\":[\"c\"]}".repeat(n)
                        + "},\"iss\":\""
                        + ISS
                        + "\",\"sub\":\""
                        + ISS
                        + "\"}"),
        Arguments.of(
            "arrays decoded onto earlier ones",
            (IntFunction<String>)
                n ->
                    "{\"nats\":{\"type\":\"account\",\"version\":2"
                        + ",\"imports\":[{\"subject\":\"a\"},{\"name\":\"b\"}],\"imports\":[null,{}]"
                            .repeat(n)
                        + "},\"iss\":\""
                        + ISS
                        + "\",\"sub\":\""
                        + ISS
                        + "\"}"),
        Arguments.of(
            "scoped keys read through float64",
            (IntFunction<String>)
                n ->
                    "{\"nats\":{\"type\":\"account\",\"version\":2,\"signing_keys\":["
                        + ("{\"kind\":\"user_scope\",\"kind\":\"user_scope\",\"key\":\""
                                + ISS
                                + "\",\"template\":{\"subs\":1e3}},")
                            .repeat(n)
                        + "\""
                        + ISS
                        + "\"]},\"iss\":\""
                        + ISS
                        + "\",\"sub\":\""
                        + ISS
                        + "\"}"),
        Arguments.of(
            "deep nesting",
            (IntFunction<String>)
                n ->
                    "{\"x\":"
                        + "[".repeat(Math.min(n, 9_000))
                        + "]".repeat(Math.min(n, 9_000))
                        + ",\"y\":["
                        + "0,".repeat(n)
                        + "0],"
                        + TAIL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void work_growsLinearlyWithInput(String name, IntFunction<String> shape) {
    long small = work(shape.apply(5_000));
    long large = work(shape.apply(20_000));
    double growth = (double) large / Math.max(1, small);
    assertTrue(small > 100, name + ": only " + small + " steps counted");
    assertTrue(growth < 5, name + ": work grew " + growth + " times for 4 times the input");
  }

  /** The steps counted to read the payload as any claims, then as a user's. */
  private static long work(String payload) {
    byte[] json = payload.getBytes(StandardCharsets.UTF_8);
    JsonIn.PROBES.count = 0;
    JsonIn.PROBES.on = true;
    try {
      read(json);
    } finally {
      JsonIn.PROBES.on = false;
    }
    return JsonIn.PROBES.count;
  }

  private static void read(byte[] json) {
    try {
      Claims.fromJson(json);
    } catch (ClaimsFormatException e) {
      // Refused is fine: the work to decide is what is measured.
    }
    try {
      Claims.fromJson(json, json.length, ClaimType.USER);
    } catch (ClaimsFormatException e) {
      // as above
    }
  }
}
