package io.github.natsjwt.cli.demo;

/**
 * One step of {@code natsjwt demo}. Steps run in order and share a {@link DemoContext}, so a later
 * step (an operator, account and user JWT chain, say) can use the keys an earlier one made.
 */
public interface DemoStep {
  /**
   * Returns the heading printed before the step.
   *
   * @return one line, for example {@code "Sign a message with the user key"}
   */
  String title();

  /**
   * Runs the step, printing what it does through the context.
   *
   * @param ctx the shared state and output
   * @throws DemoFailedException when something the step demonstrates does not hold
   */
  void run(DemoContext ctx);
}
