/**
 * Test support for NATS decentralized security: forge operators, accounts, users and creds files in
 * a few lines, and run a real nats-server from JUnit 5 tests.
 */
module io.github.natsjwt.testing {
  requires transitive io.github.natsjwt;
  requires transitive io.github.natsjwt.serverconfig;
  requires transitive org.junit.jupiter.api;
  requires static transitive org.jspecify;

  exports io.github.natsjwt.testing;
}
