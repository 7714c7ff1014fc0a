package io.github.natsjwt.cli.demo;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.server.NatsServerProcess;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code natsjwt demo}: a guided tour of what the library does, with nothing written to disk. */
@Command(
    name = "demo",
    description = {
      "Walk through NKeys and JWTs: generate keys of every type, sign and verify, detect"
          + " tampering, seal and open; issue an operator, account and user JWT, decode them and"
          + " follow the chain of trust. Nothing is written to disk and no seed is printed.",
      "With --server, then starts the newest installed nats-server with those JWTs, connects as"
          + " the user, sends a message that is delivered and one that the server refuses; on"
          + " nats-server 2.10 and later, also runs an auth callout service that admits one user"
          + " and denies another.",
      "Exits 1 if any step does not behave as shown, 2 if --server is given and nats-server is"
          + " not installed."
    })
public final class DemoCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Option(
      names = "--server",
      description =
          "Also run the JWTs, and an auth callout on 2.10 and later, on the newest installed"
              + " nats-server (it must be installed); it is stopped at the end.")
  private boolean server;

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

  /**
   * Returns the steps, with the live server and callout steps at the end when asked for.
   *
   * @param live whether to add the live steps
   * @return the steps
   */
  static List<DemoStep> steps(boolean live) {
    List<DemoStep> steps = new ArrayList<>(steps());
    if (live) {
      steps.add(new LiveServerStep());
      steps.add(new CalloutStep());
    }
    return List.copyOf(steps);
  }

  @Override
  public Integer call() {
    if (server && !DemoServers.anyInstalled()) {
      throw new InputException(
          "demo --server needs nats-server: " + NatsServerProcess.installHint());
    }
    PrintStream out = streams.out();
    List<DemoStep> steps = steps(server);
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
