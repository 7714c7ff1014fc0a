package io.github.natsjwt.cli.demo;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Issues the three JWTs of a NATS deployment with the keys of the first step: a self-signed
 * operator, an account issued by the operator with a signing key of its own, and a user issued by
 * that signing key.
 */
final class JwtIssueStep implements DemoStep {
  static final String OPERATOR_NAME = "demo-operator";
  static final String ACCOUNT_NAME = "demo-account";
  static final String USER_NAME = "alice";
  static final String SIGNING_KEY = "account signing key";

  @Override
  public String title() {
    return "Issue JWTs: operator -> account -> user";
  }

  @Override
  public void run(DemoContext ctx) {
    NKey operator = ctx.key(KeyGenerationStep.name(NKeyType.OPERATOR));
    NKey account = ctx.key(KeyGenerationStep.name(NKeyType.ACCOUNT));
    NKey user = ctx.key(KeyGenerationStep.name(NKeyType.USER));
    NKey signingKey = ctx.generate(SIGNING_KEY, NKeyType.ACCOUNT);

    String operatorJwt =
        Jwt.encode(
            OperatorClaims.builder(operator.publicKey()).name(OPERATOR_NAME).build(), operator);
    ctx.putToken("operator", operatorJwt);
    ctx.say("operator JWT  %s", DemoContext.abbreviate(operatorJwt));
    ctx.say("              signed by the operator key itself: the root of trust");

    AccountClaims accountClaims =
        AccountClaims.builder(account.publicKey())
            .name(ACCOUNT_NAME)
            .addSigningKeys(signingKey.publicKey())
            .build();
    String accountJwt = Jwt.encode(accountClaims, operator);
    ctx.putToken("account", accountJwt);
    ctx.say("account JWT   %s", DemoContext.abbreviate(accountJwt));
    ctx.say(
        "              signed by the operator key; lists the signing key %s",
        signingKey.publicKey());

    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    UserClaims userClaims =
        UserClaims.builder(user.publicKey())
            .name(USER_NAME)
            .issuerAccount(account.publicKey())
            .pub(Permission.allowing("orders.>").withDenied("orders.admin.>"))
            .sub(Permission.allowing("_INBOX.>", "updates.>"))
            .expiresAt(now.plus(Duration.ofDays(1)))
            .build();
    String userJwt = Jwt.encode(userClaims, signingKey);
    ctx.putToken("user", userJwt);
    ctx.say("user JWT      %s", DemoContext.abbreviate(userJwt));
    ctx.say(
        "              signed by the account's signing key, so the account key can stay offline");
  }
}
