package io.github.natsjwt.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link NatsServerTest}: skips tests when nats-server is not
 * installed (or fails them when {@value NatsServer#REQUIRED_PROPERTY} is {@code true}), and
 * resolves {@link NatsServers} parameters whose servers it stops after each test.
 *
 * <p>Immutable and thread-safe; JUnit creates it.
 */
public final class NatsServerExtension
    implements ExecutionCondition, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(NatsServerExtension.class);

  /** Creates the extension; JUnit calls this. */
  public NatsServerExtension() {}

  /**
   * Enables the test when nats-server is installed or required, and skips it with an install hint
   * otherwise.
   *
   * @param context the test or container
   * @return the decision
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return NatsServer.findExecutable()
        .map(p -> ConditionEvaluationResult.enabled("nats-server found at " + p))
        .orElseGet(
            () ->
                NatsServer.isRequired()
                    ? ConditionEvaluationResult.enabled(
                        "nats-server is missing and required; the test will fail")
                    : ConditionEvaluationResult.disabled(
                        NatsServer.installHint()
                            + " (set -D"
                            + NatsServer.REQUIRED_PROPERTY
                            + "=true to fail instead of skipping)"));
  }

  /**
   * Fails the test when nats-server is required but not installed.
   *
   * @param context the test
   * @throws NatsServerException when nats-server is required and missing
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (NatsServer.findExecutable().isEmpty()) {
      throw new NatsServerException(
          NatsServer.installHint()
              + " The test fails rather than being skipped because "
              + NatsServer.REQUIRED_PROPERTY
              + "=true.");
    }
  }

  /**
   * Stops the servers the test started through its {@link NatsServers} parameter.
   *
   * @param context the test
   * @throws NatsServerException when a server would not stop
   */
  @Override
  public void afterEach(ExtensionContext context) {
    NatsServers servers = context.getStore(NAMESPACE).remove(NatsServers.class, NatsServers.class);
    if (servers != null) {
      servers.close();
    }
  }

  /**
   * Returns whether the parameter is a {@link NatsServers}.
   *
   * @param parameter the parameter
   * @param context the test
   * @return whether this extension supplies it
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == NatsServers.class;
  }

  /**
   * Supplies the test's {@link NatsServers}, one per test method.
   *
   * @param parameter the parameter
   * @param context the test
   * @return the test's servers
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(NatsServers.class, k -> new NatsServers(), NatsServers.class);
  }
}
