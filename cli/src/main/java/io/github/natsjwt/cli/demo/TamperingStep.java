package io.github.natsjwt.cli.demo;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.SignatureVerificationException;
import java.nio.charset.StandardCharsets;

/** Shows that a signature does not verify once the message changes. */
final class TamperingStep implements DemoStep {
  static final String TAMPERED = "Hello from natsJwt";

  @Override
  public String title() {
    return "Change one letter of the message: the signature no longer verifies";
  }

  @Override
  public void run(DemoContext ctx) {
    NKey user = ctx.key(KeyGenerationStep.name(NKeyType.USER));
    byte[] signature = user.sign(SigningStep.MESSAGE.getBytes(StandardCharsets.UTF_8));
    NKey verifier = NKey.fromPublicKey(user.publicKey());
    ctx.say("tampered:  \"%s\" with the signature of \"%s\"", TAMPERED, SigningStep.MESSAGE);
    try {
      verifier.verifyOrThrow(TAMPERED.getBytes(StandardCharsets.UTF_8), signature);
    } catch (SignatureVerificationException e) {
      ctx.say("rejected:  %s", e.getMessage());
      return;
    }
    throw new DemoFailedException("a tampered message verified");
  }
}
