/**
 * NATS decentralized security for Java: NKeys, and (in later releases) JWT claims, creds files and
 * trust-chain verification.
 *
 * <p>Only API packages are exported; the packages under {@code io.github.natsjwt.internal} hold the
 * codecs, the Ed25519 verifier, the JSON engine and other plumbing, and may change without notice.
 */
@SuppressWarnings("module") // the friend modules below are built after this one
module io.github.natsjwt {
  requires org.bouncycastle.provider;
  requires java.net.http;
  requires static transitive org.jspecify;

  exports io.github.natsjwt;
  exports io.github.natsjwt.nkey;
  exports io.github.natsjwt.claims;
  exports io.github.natsjwt.jwt;
  exports io.github.natsjwt.trust;
  exports io.github.natsjwt.creds;

  // The claims package validates the activation tokens inside account imports, but decoding
  // tokens is the jwt package's work, and jwt is built on claims: claims asks for the decoder
  // as a service, and the jwt side provides it.
  uses io.github.natsjwt.internal.spi.EmbeddedTokens;

  provides io.github.natsjwt.internal.spi.EmbeddedTokens with
      io.github.natsjwt.internal.jwt.JwtEmbeddedTokens;

  // Plumbing shared with the library's own modules only (the log throttle); the sub-packages
  // of internal are not exported at all.
  exports io.github.natsjwt.internal to
      io.github.natsjwt.nats,
      io.github.natsjwt.callout;
  exports io.github.natsjwt.internal.keys to
      io.github.natsjwt.nats,
      io.github.natsjwt.callout;
  exports io.github.natsjwt.internal.json to
      io.github.natsjwt.nats;
}
