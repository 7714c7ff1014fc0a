package io.github.natsjwt.testing;

import java.util.List;

/** The nats-server processes this test JVM started and that still run. */
final class ServerProcesses {
  private ServerProcesses() {}

  static List<String> children() {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
        .filter(c -> c.contains("nats-server") || c.contains("fake-server"))
        .toList();
  }
}
