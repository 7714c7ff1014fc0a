package io.github.natsjwt.cli.demo;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.SealedMessageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals a message from the curve key of the first step to a second curve key, opens it, and shows
 * that a third key cannot.
 */
final class SealingStep implements DemoStep {
  static final String MESSAGE = "Meet at the usual place";

  @Override
  public String title() {
    return "Seal a message from one curve key to another, and open it";
  }

  @Override
  public void run(DemoContext ctx) {
    NKey sender = ctx.key(KeyGenerationStep.name(NKeyType.CURVE));
    NKey recipient = ctx.generate("recipient", NKeyType.CURVE);
    NKey stranger = ctx.generate("stranger", NKeyType.CURVE);
    byte[] plaintext = MESSAGE.getBytes(StandardCharsets.UTF_8);

    byte[] sealed = sender.seal(plaintext, recipient.publicKey());
    ctx.say("from:      %s", sender.publicKey());
    ctx.say("to:        %s", recipient.publicKey());
    ctx.say("sealed:    %s (%d bytes)", Base64.getEncoder().encodeToString(sealed), sealed.length);

    byte[] opened = recipient.open(sealed, sender.publicKey());
    ctx.check(Arrays.equals(opened, plaintext), "the opened message differs from the sealed one");
    ctx.say("opened:    \"%s\"", new String(opened, StandardCharsets.UTF_8));

    try {
      stranger.open(sealed, sender.publicKey());
    } catch (SealedMessageException e) {
      ctx.say("another curve key cannot open it: %s", e.getMessage());
      return;
    }
    throw new DemoFailedException("a curve key the message was not sealed for opened it");
  }
}
