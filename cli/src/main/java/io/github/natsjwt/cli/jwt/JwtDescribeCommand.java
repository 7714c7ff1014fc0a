package io.github.natsjwt.cli.jwt;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code natsjwt jwt describe}: shows what a token says, whether it verifies, and its issues. */
@Command(
    name = "describe",
    description = {
      "Show any NATS JWT for people: header, subject, issuer and times (with expired / not yet"
          + " valid markers), the fields of its claim type, and the validation findings.",
      "The signature is checked against the issuer (iss); a token that does not verify is not"
          + " shown and the command exits 1. Validation findings do not change the exit code.",
      "Trust is not checked: describe does not know which operator you trust."
    })
public final class JwtDescribeCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Parameters(
      index = "0",
      paramLabel = "<token|file|->",
      description =
          "The token; or a file holding it, bare or as a -----BEGIN ... JWT----- block (a creds"
              + " file works); or - for standard input.")
  private String source;

  @Option(names = "--json", description = "Print the payload JSON, indented, instead.")
  private boolean json;

  @Option(
      names = "--at",
      paramLabel = "<time>",
      description =
          "Judge expiry and validate as at this time (2030-01-01T00:00:00Z, 2030-01-01 or Unix"
              + " seconds) instead of now.")
  private @Nullable String at;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public JwtDescribeCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    Instant now =
        at != null ? Times.parseInstant(at, "--at") : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String token = TokenSources.read(source, streams.in());
    DecodedJwt<Claims> jwt = Jwt.decode(token);
    PrintStream out = streams.out();
    if (json) {
      out.println(
          JsonTree.pretty(
              JsonTree.parse(
                  jwt.payloadJson().getBytes(StandardCharsets.UTF_8),
                  "the payload",
                  "the payload is not a JSON object")));
    } else {
      out.print(ClaimsDescriber.at(now).describe(jwt));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
