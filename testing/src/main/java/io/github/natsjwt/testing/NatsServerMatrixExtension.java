package io.github.natsjwt.testing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link NatsServerMatrix}: one invocation per nats-server series,
 * each resolving a {@link NatsServerVersion} parameter, skipped (or failed, when {@value
 * NatsServer#REQUIRED_PROPERTY} is {@code true}) where that series is not installed.
 *
 * <p>Immutable and thread-safe; JUnit creates it.
 */
public final class NatsServerMatrixExtension implements TestTemplateInvocationContextProvider {
  /** Creates the extension; JUnit calls this. */
  public NatsServerMatrixExtension() {}

  /**
   * Returns whether the test carries {@link NatsServerMatrix}.
   *
   * @param context the test template
   * @return whether this extension runs it
   */
  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return AnnotationSupport.isAnnotated(context.getElement(), NatsServerMatrix.class);
  }

  /**
   * Returns one invocation per series named by the annotation (all of them by default).
   *
   * @param context the test template
   * @return the invocations, oldest series first
   * @throws IllegalArgumentException when the annotation names an unknown series
   */
  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    String[] wanted =
        AnnotationSupport.findAnnotation(context.getElement(), NatsServerMatrix.class)
            .map(NatsServerMatrix::value)
            .orElse(new String[0]);
    List<NatsServerVersion> versions =
        wanted.length == 0
            ? NatsServerVersion.all()
            : Arrays.stream(wanted).map(NatsServerVersion::of).toList();
    return versions.stream().map(Invocation::new);
  }

  /** One run of the test on one series. */
  private record Invocation(NatsServerVersion version) implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return version.label();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new PerVersion(version));
    }
  }

  /** Skips or fails a missing series and supplies the version parameter. */
  private record PerVersion(NatsServerVersion version)
      implements ExecutionCondition, BeforeEachCallback, ParameterResolver {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (version.isInstalled()) {
        return ConditionEvaluationResult.enabled(
            "nats-server " + version.version().orElse("") + " found");
      }
      return NatsServer.isRequired()
          ? ConditionEvaluationResult.enabled("missing and required; the test will fail")
          : ConditionEvaluationResult.disabled(
              version.installHint()
                  + " (set -D"
                  + NatsServer.REQUIRED_PROPERTY
                  + "=true to fail instead of skipping)");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      version.assumeInstalled();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == NatsServerVersion.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return version;
    }
  }
}
