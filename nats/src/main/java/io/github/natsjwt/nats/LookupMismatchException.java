package io.github.natsjwt.nats;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * After a push the servers accepted, a lookup did not return the JWT that was pushed: it found
 * none, or another one (an older copy, or one pushed by someone else meanwhile).
 *
 * <p>Immutable and thread-safe. The JWTs are named by their ids ({@code jti}), never quoted whole.
 */
public final class LookupMismatchException extends AccountEditException {
  private static final long serialVersionUID = 1L;

  /** The id of the JWT that was pushed. */
  private final String expectedId;

  /** The id of the JWT the lookup returned, or null when it returned none. */
  private final @Nullable String actualId;

  /**
   * Creates the exception.
   *
   * @param account the account's public key
   * @param expectedId the {@code jti} of the pushed JWT
   * @param actualId the {@code jti} of the JWT the lookup returned, or null when none came
   * @param message what failed and how to fix it
   */
  public LookupMismatchException(
      String account, String expectedId, @Nullable String actualId, String message) {
    super(account, message);
    this.expectedId = expectedId;
    this.actualId = actualId;
  }

  /**
   * Returns the id of the JWT that was pushed.
   *
   * @return its {@code jti}
   */
  public String expectedId() {
    return expectedId;
  }

  /**
   * Returns the id of the JWT the lookup returned.
   *
   * @return its {@code jti} (or a short description when it is not a JWT), or empty when the lookup
   *     found none
   */
  public Optional<String> actualId() {
    return Optional.ofNullable(actualId);
  }
}
