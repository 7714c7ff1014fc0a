package io.github.natsjwt.cli.demo;

import io.github.natsjwt.cli.key.KeyTypes;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;

/** Generates one key of each type, named after the type ({@code "operator"}, ...). */
final class KeyGenerationStep implements DemoStep {
  @Override
  public String title() {
    return "Generate one key of each type";
  }

  @Override
  public void run(DemoContext ctx) {
    for (NKeyType type : NKeyType.values()) {
      String name = name(type);
      NKey key = ctx.generate(name, type);
      ctx.check(
          key.publicKey().charAt(0) == type.letter(),
          name + " public key does not start with " + type.letter());
      ctx.say("%-9s %s  seed %s", name, key.publicKey(), DemoContext.redactedSeed(key));
    }
    ctx.say("Public keys are safe to share. Seeds are secrets and stay in this process.");
  }

  /**
   * Returns the name each key is stored under in the context.
   *
   * @param type the key type
   * @return its lower-case name, for example {@code "user"}
   */
  static String name(NKeyType type) {
    return KeyTypes.name(type);
  }
}
