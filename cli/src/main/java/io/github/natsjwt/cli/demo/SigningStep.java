package io.github.natsjwt.cli.demo;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Signs a message with the user key and verifies it with a key made from the public key only. */
final class SigningStep implements DemoStep {
  static final String MESSAGE = "Hello from natsjwt";

  @Override
  public String title() {
    return "Sign a message with the user key; verify it with the public key only";
  }

  @Override
  public void run(DemoContext ctx) {
    NKey user = ctx.key(KeyGenerationStep.name(NKeyType.USER));
    byte[] data = MESSAGE.getBytes(StandardCharsets.UTF_8);
    byte[] signature = user.sign(data);
    ctx.say("message:   \"%s\"", MESSAGE);
    ctx.say("signature: %s", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));

    NKey verifier = NKey.fromPublicKey(user.publicKey());
    ctx.check(!verifier.hasSeed(), "a key made from a public key has a seed");
    verifier.verifyOrThrow(data, signature);
    ctx.say("verified with %s (public key only, no seed): OK", verifier.publicKey());
  }
}
