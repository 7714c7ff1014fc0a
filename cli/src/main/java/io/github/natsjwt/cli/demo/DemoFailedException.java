package io.github.natsjwt.cli.demo;

/** A demo check that did not hold: the library does not behave as the demo shows it should. */
public final class DemoFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was expected and what happened
   */
  public DemoFailedException(String message) {
    super(message);
  }
}
