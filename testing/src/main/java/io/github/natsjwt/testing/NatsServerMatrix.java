package io.github.natsjwt.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test method that runs once per nats-server series ({@link NatsServerVersion#all()}: 2.9,
 * 2.10 and 2.14), through {@link NatsServerMatrixExtension}. The method takes a {@link
 * NatsServerVersion} parameter: start the server with {@link NatsServerVersion#start} and judge
 * with its {@link NatsServerVersion#profile()}. Each run is named by the version, for example
 * {@code [2.14.5] aliceCanPublish}.
 *
 * <p>A series that is not installed is skipped with a message that says how to install it; with
 * {@value NatsServer#REQUIRED_PROPERTY}{@code =true} (as in CI) it fails instead. Restrict the
 * series with {@link #value()}.
 *
 * <pre>{@code
 * @NatsServerMatrix
 * void aliceCanPublish(NatsServerVersion version) {
 *   try (NatsServer server = version.start(op.serverConfig().build())) {
 *     TrustVerifier verifier = TrustVerifier.builder().serverProfile(version.profile())...;
 *     ...
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(NatsServerMatrixExtension.class)
public @interface NatsServerMatrix {
  /**
   * Returns the series to run on.
   *
   * @return series names such as {@code "2.10"}; empty (the default) for all of them
   */
  String[] value() default {};
}
