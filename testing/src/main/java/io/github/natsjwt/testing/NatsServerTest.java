package io.github.natsjwt.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that runs a real nats-server, through {@link NatsServerExtension}.
 *
 * <p>Where nats-server is not installed the tests are skipped, with a message that says how to
 * install it; with the system property {@value NatsServer#REQUIRED_PROPERTY}{@code =true} (as in
 * CI) they fail instead. A test method may declare a {@link NatsServers} parameter: servers started
 * through it are stopped when the test ends.
 *
 * <pre>{@code
 * @NatsServerTest
 * class OrdersTest {
 *   @Test
 *   void aliceCanPublish(NatsServers servers, @TempDir Path dir) {
 *     TestOperator op = TestOperator.create("acme");
 *     TestUser alice = op.account("orders").user("alice");
 *     NatsServer server = servers.start(op.serverConfig().build());
 *     ...
 *   }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(NatsServerExtension.class)
public @interface NatsServerTest {}
