package io.github.natsjwt.cli.key;

import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;

/** The check that seal and open share. */
final class CurveKeys {
  private CurveKeys() {}

  /**
   * Refuses a signing seed where a curve seed is needed, with a hint for the command line.
   *
   * @param key the loaded key
   * @param source where it came from
   * @throws InputException when it is not a curve key
   */
  static void requireCurve(NKey key, String source) {
    if (key.type() != NKeyType.CURVE) {
      throw new InputException(
          Inputs.describe("key file", source)
              + " holds "
              + KeyTypes.withArticle(key.type())
              + " seed; sealing and opening need a curve seed (SX...): create one with"
              + " 'natsjwt key generate --type curve'");
    }
  }
}
