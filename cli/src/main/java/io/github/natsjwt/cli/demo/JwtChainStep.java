package io.github.natsjwt.cli.demo;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.cli.jwt.ClaimsDescriber;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Instant;

/**
 * Decodes the tokens of {@link JwtIssueStep}, shows them, and follows the chain of trust: the
 * operator signed the account, one of the account's signing keys signed the user. A user signed by
 * a key the account does not list is not trusted.
 */
final class JwtChainStep implements DemoStep {
  @Override
  public String title() {
    return "Decode the JWTs and follow the chain of trust";
  }

  @Override
  public void run(DemoContext ctx) {
    ClaimsDescriber describer = ClaimsDescriber.at(Instant.now());
    OperatorClaims operator = Jwt.decode(ctx.token("operator"), OperatorClaims.class).claims();
    AccountClaims account = Jwt.decode(ctx.token("account"), AccountClaims.class).claims();
    UserClaims user = Jwt.decode(ctx.token("user"), UserClaims.class).claims();
    for (Claims c : new Claims[] {operator, account, user}) {
      ctx.check(
          !c.validate(Instant.now()).isBlocking(true),
          c.type().jsonName() + " JWT has blocking validation issues");
      ctx.sayLines(describer.summary(c));
    }
    ctx.say("Each signature verified against the key in its iss field.");

    ctx.check(operator.didSign(operator), "the operator JWT is not self-signed");
    ctx.check(operator.didSign(account), "the operator did not sign the account");
    ctx.say("chain:     the operator signed the account JWT: yes");
    ctx.check(account.didSign(user), "the account did not sign the user");
    ctx.check(!account.isClaimRevoked(user), "the user is revoked");
    ctx.say("chain:     the account signed the user JWT (with its signing key): yes");

    NKey stranger = ctx.generate("stranger account", NKeyType.ACCOUNT);
    UserClaims forged = Jwt.decode(Jwt.encode(user, stranger), UserClaims.class).claims();
    ctx.check(!account.didSign(forged), "the account trusts a user signed by an unknown key");
    ctx.say(
        "forged:    the same user signed by %s, a key the account does not list: not trusted",
        stranger.publicKey());
  }
}
