package io.github.natsjwt.cli;

/**
 * Input the command cannot use: an unreadable file, a file that holds no key, a key of the wrong
 * kind, an existing output file. Exits with {@link ExitCodes#BAD_INPUT}.
 *
 * <p>Messages name files and options, never the secret contents of a file.
 */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and how to fix it, one line
   */
  public InputException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the failure that revealed it.
   *
   * @param message what is wrong and how to fix it, one line
   * @param cause the underlying failure
   */
  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
