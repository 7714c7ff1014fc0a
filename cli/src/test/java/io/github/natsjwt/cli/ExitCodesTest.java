package io.github.natsjwt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.natsjwt.cli.demo.DemoFailedException;
import io.github.natsjwt.jwt.IssuerNotAllowedException;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.MalformedJwtException;
import io.github.natsjwt.jwt.SignatureMismatchException;
import io.github.natsjwt.nkey.InvalidNKeyException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyOperationException;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.SealedMessageException;
import io.github.natsjwt.nkey.SignatureVerificationException;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
  @Test
  void of_signatureVerificationFailure_is1() {
    NKey user = NKey.generate(NKeyType.USER);
    SignatureVerificationException e =
        assertThrows(
            SignatureVerificationException.class,
            () -> user.verifyOrThrow(new byte[] {1}, user.sign(new byte[] {2})));

    assertEquals(ExitCodes.VERIFICATION_FAILED, ExitCodes.of(e));
  }

  @Test
  void of_jwtSignatureMismatch_is1() {
    String token = JwtVectors.invalid("bad_signature_bitflip").get("jwt").asText();
    SignatureMismatchException e =
        assertThrows(SignatureMismatchException.class, () -> Jwt.decode(token));

    assertEquals(ExitCodes.VERIFICATION_FAILED, ExitCodes.of(e));
  }

  @Test
  void of_jwtMalformedOrIssuerNotAllowed_is2() {
    MalformedJwtException malformed =
        assertThrows(MalformedJwtException.class, () -> Jwt.decode("a.b"));
    String token = JwtVectors.invalid("user_issued_by_operator").get("jwt").asText();
    IssuerNotAllowedException issuer =
        assertThrows(IssuerNotAllowedException.class, () -> Jwt.decode(token));

    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.of(malformed));
    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.of(issuer));
  }

  @Test
  void of_sealedMessageThatDoesNotAuthenticate_is1() {
    NKey alice = NKey.generate(NKeyType.CURVE);
    NKey bob = NKey.generate(NKeyType.CURVE);
    NKey eve = NKey.generate(NKeyType.CURVE);
    byte[] sealed = alice.seal(new byte[] {1}, bob.publicKey());
    SealedMessageException e =
        assertThrows(SealedMessageException.class, () -> eve.open(sealed, alice.publicKey()));

    assertEquals(ExitCodes.VERIFICATION_FAILED, ExitCodes.of(e));
  }

  @Test
  void of_malformedSealedMessage_is2() {
    NKey bob = NKey.generate(NKeyType.CURVE);
    SealedMessageException e =
        assertThrows(SealedMessageException.class, () -> bob.open(new byte[10], bob.publicKey()));

    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.of(e));
  }

  @Test
  void of_otherLibraryExceptions_is2() {
    InvalidNKeyException invalid =
        assertThrows(InvalidNKeyException.class, () -> NKey.fromPublicKey("UAAA"));
    NKeyOperationException operation =
        assertThrows(
            NKeyOperationException.class, () -> NKey.generate(NKeyType.CURVE).sign(new byte[0]));

    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.of(invalid));
    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.of(operation));
  }

  @Test
  void of_inputAndUnexpectedExceptions_is2() {
    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.of(new InputException("x")));
    assertEquals(ExitCodes.BAD_INPUT, ExitCodes.of(new IllegalStateException("bug")));
  }

  @Test
  void of_demoFailure_is1() {
    assertEquals(ExitCodes.VERIFICATION_FAILED, ExitCodes.of(new DemoFailedException("x")));
  }
}
