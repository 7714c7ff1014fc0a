package io.github.natsjwt.nats;

import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.Signer;
import io.nats.client.AuthHandler;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * jnats {@link AuthHandler}s built from this library's keys: an NKey user of a configuration-mode
 * server ({@link #nkey(Signer)}), or a JWT user from a creds file ({@link #creds(Creds)}). The
 * handler answers the server's nonce with the user key's signature; the seed stays in the key.
 *
 * <p>Immutable and thread-safe, as are the handlers it returns (they hold only the key or creds;
 * closing those makes the handler unusable).
 *
 * <pre>{@code
 * try (NKey alice = NKey.fromSeed(seedChars)) {
 *   Options options = new Options.Builder().server(url).authHandler(NatsAuth.nkey(alice)).build();
 *   Connection nc = Nats.connect(options);
 * }
 * }</pre>
 */
public final class NatsAuth {
  static final String NOT_USER =
      "a NATS client signs in with a user key (U...), but the signer holds a %s key %s";

  private NatsAuth() {}

  /**
   * Returns a handler for an NKey user: the client sends the user's public key and its signature of
   * the server's nonce, and no JWT.
   *
   * @param user the user's key, or any signer of a user key (an HSM, say)
   * @return the handler
   * @throws IllegalArgumentException when the signer's key is not a user key
   */
  public static AuthHandler nkey(Signer user) {
    Objects.requireNonNull(user, "user");
    if (user.type() != NKeyType.USER) {
      throw new IllegalArgumentException(
          String.format(
              NOT_USER, user.type().name().toLowerCase(java.util.Locale.ROOT), user.publicKey()));
    }
    return new Handler(user, user.publicKey(), null);
  }

  /**
   * Returns a handler for a JWT user: the client sends the creds' user JWT and the signature of the
   * server's nonce with the creds' seed.
   *
   * @param creds the creds; must stay open while connections authenticate with them
   * @return the handler
   */
  public static AuthHandler creds(Creds creds) {
    Objects.requireNonNull(creds, "creds");
    return new Handler(creds.userKey(), creds.publicKey(), creds.jwt());
  }

  private static final class Handler implements AuthHandler {
    private final Signer signer;
    private final String publicKey;
    private final @Nullable String jwt;

    Handler(Signer signer, String publicKey, @Nullable String jwt) {
      this.signer = signer;
      this.publicKey = publicKey;
      this.jwt = jwt;
    }

    @Override
    public byte[] sign(byte[] nonce) {
      return signer.sign(nonce);
    }

    @Override
    public char[] getID() {
      return publicKey.toCharArray();
    }

    @Override
    public char @Nullable [] getJWT() {
      return jwt == null ? null : jwt.toCharArray();
    }

    @Override
    public String toString() {
      return "NatsAuth[" + publicKey + (jwt == null ? ", nkey" : ", jwt") + "]";
    }
  }
}
