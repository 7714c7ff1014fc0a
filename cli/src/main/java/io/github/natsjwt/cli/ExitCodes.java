package io.github.natsjwt.cli;

import io.github.natsjwt.cli.demo.DemoFailedException;
import io.github.natsjwt.jwt.SignatureMismatchException;
import io.github.natsjwt.nats.AccountJwtRejectedException;
import io.github.natsjwt.nats.AccountNotFoundException;
import io.github.natsjwt.nats.LookupMismatchException;
import io.github.natsjwt.nkey.NKeyErrorCode;
import io.github.natsjwt.nkey.SealedMessageException;
import io.github.natsjwt.nkey.SignatureVerificationException;

/** The exit codes of every command, and which failure gets which. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /**
   * A signature (of data or of a JWT) did not verify, a sealed message did not open (authenticate),
   * a server refused an account JWT, or a looked-up account was not found.
   */
  public static final int VERIFICATION_FAILED = 1;

  /** Usage errors, malformed keys, keys of the wrong type, unreadable or unwritable files. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}

  /**
   * Returns the exit code for a failure.
   *
   * <p>Only a failed signature check (of data or of a JWT), a sealed message that does not
   * authenticate, a demo check that does not hold, an account JWT a server refused, an account to
   * edit that no server has, and a pushed JWT a lookup does not show count as verification
   * failures; every other failure, including unexpected ones, is reported as bad input so that
   * scripts never mistake it for a forged signature.
   *
   * @param failure what the command threw
   * @return {@link #VERIFICATION_FAILED} or {@link #BAD_INPUT}
   */
  public static int of(Throwable failure) {
    if (failure instanceof SignatureVerificationException
        || failure instanceof SignatureMismatchException
        || failure instanceof DemoFailedException
        || failure instanceof AccountJwtRejectedException
        || failure instanceof AccountNotFoundException
        || failure instanceof LookupMismatchException) {
      return VERIFICATION_FAILED;
    }
    if (failure instanceof SealedMessageException
        && ((SealedMessageException) failure).code() == NKeyErrorCode.COULD_NOT_DECRYPT) {
      return VERIFICATION_FAILED;
    }
    return BAD_INPUT;
  }
}
