package io.github.natsjwt.cli.demo;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.StdStreams;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code natsjwt demo}: a guided tour of what the library does, with nothing written to disk. */
@Command(
    name = "demo",
    description = {
      "Walk through NKeys and JWTs: generate keys of every type, sign and verify, detect"
          + " tampering, seal and open; issue an operator, account and user JWT, decode them and"
          + " follow the chain of trust. Nothing is written to disk and no seed is printed.",
      "Exits 1 if any step does not behave as shown."
    })
public final class DemoCommand implements Callable<Integer> {
  private final StdStreams streams;

  /**
   * Creates the command.
   *
   * @param streams where it writes
   */
  public DemoCommand(StdStreams streams) {
    this.streams = streams;
  }

  /**
   * Returns the steps in the order they run; later steps may use keys earlier ones made.
   *
   * @return the steps
   */
  static List<DemoStep> steps() {
    return List.of(
        new KeyGenerationStep(),
        new SigningStep(),
        new TamperingStep(),
        new SealingStep(),
        new JwtIssueStep(),
        new JwtChainStep());
  }

  @Override
  public Integer call() {
    PrintStream out = streams.out();
    List<DemoStep> steps = steps();
    out.println("natsjwt demo: NATS NKeys and JWTs in action");
    try (DemoContext ctx = new DemoContext(out)) {
      for (int i = 0; i < steps.size(); i++) {
        DemoStep step = steps.get(i);
        out.println();
        out.printf("[%d/%d] %s%n", i + 1, steps.size(), step.title());
        step.run(ctx);
      }
    }
    out.println();
    out.printf("All %d steps behaved as expected.%n", steps.size());
    out.flush();
    return ExitCodes.OK;
  }
}
