package io.github.natsjwt.trust;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a verification: either the verified value or the {@link Rejection} that says why
 * there is none.
 *
 * <p>Immutable and thread-safe. Only {@link TrustVerifier} creates verifications.
 *
 * <pre>{@code
 * Verification<VerifiedUser> v = verifier.verifyUser(userJwt, context);
 * if (v.isAccepted()) {
 *   VerifiedUser user = v.orElseThrow();
 * } else {
 *   log.info("refused: {}", v.rejection().orElseThrow().message());
 * }
 * }</pre>
 *
 * @param <T> the verified type: {@link VerifiedAccount}, {@link VerifiedUser} or {@link
 *     VerifiedImport}
 */
public final class Verification<T> {
  private final @Nullable T verified;
  private final @Nullable Rejection rejection;

  private Verification(@Nullable T verified, @Nullable Rejection rejection) {
    this.verified = verified;
    this.rejection = rejection;
  }

  static <T> Verification<T> accepted(T verified) {
    return new Verification<>(Objects.requireNonNull(verified, "verified"), null);
  }

  static <T> Verification<T> rejected(Rejection rejection) {
    return new Verification<>(null, Objects.requireNonNull(rejection, "rejection"));
  }

  /**
   * Returns whether the verifier accepted.
   *
   * @return {@code true} when {@link #verified()} holds a value
   */
  public boolean isAccepted() {
    return verified != null;
  }

  /**
   * Returns the verified value.
   *
   * @return the value, or empty when rejected
   */
  public Optional<T> verified() {
    return Optional.ofNullable(verified);
  }

  /**
   * Returns why the verifier rejected.
   *
   * @return the rejection, or empty when accepted
   */
  public Optional<Rejection> rejection() {
    return Optional.ofNullable(rejection);
  }

  /**
   * Returns the verified value, or throws the rejection.
   *
   * @return the value
   * @throws VerificationRejectedException when rejected; it carries the {@link Rejection}
   */
  public T orElseThrow() {
    if (verified == null) {
      throw new VerificationRejectedException(Objects.requireNonNull(rejection));
    }
    return verified;
  }

  /**
   * Runs an action with the verified value, if there is one.
   *
   * @param action what to do with the value
   */
  public void ifAccepted(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    if (verified != null) {
      action.accept(verified);
    }
  }

  /**
   * Describes the outcome.
   *
   * @return {@code Accepted[...]} or {@code Rejected[...]}
   */
  @Override
  public String toString() {
    return verified != null ? "Accepted[" + verified + "]" : "Rejected[" + rejection + "]";
  }
}
