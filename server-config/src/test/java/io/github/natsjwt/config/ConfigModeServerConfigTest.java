package io.github.natsjwt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.EffectivePermissions;
import io.github.natsjwt.trust.ServerProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config-mode servers; the live servers read these in natsjwt-nats' ConfigModeAgreementTest. */
class ConfigModeServerConfigTest {
  private static final String ALICE = NKey.generate(NKeyType.USER).publicKey();

  // Made by Go's golang.org/x/crypto/bcrypt (GenerateFromPassword("password", 11)), which
  // nats-server uses to check passwords.
  private static final String GO_HASH =
      "$2a$11$k63uaX/c69z6QVC9rg6h2uiLsV8hRvjs3666WOv2RcTcZgafmhj0q";

  @Test
  void render_accountsUsersPermissionsImports_writesServerSyntax() {
    ServerConfig c =
        ServerConfig.builder()
            .account(
                ConfigAccount.builder("ORDERS")
                    .user(
                        ConfigUser.nkey(ALICE)
                            .permissions(
                                Permissions.of(
                                    Permission.allowing("orders.>", "users.signup"),
                                    new Permission(List.of("events.>"), List.of("events.audit.>")),
                                    new ResponsePermission(2, Duration.ofSeconds(5))))
                            .allowedConnectionTypes(ConnectionType.STANDARD)
                            .build())
                    .exportStream("events.>")
                    .build())
            .account(
                ConfigAccount.builder("SHOP")
                    .user(ConfigUser.withoutPassword("guest").build())
                    .importStream("ORDERS", "events.>", "orders")
                    .build())
            .account(ConfigAccount.builder("SYS").build())
            .systemAccountName("SYS")
            .noAuthUser("guest")
            .build();

    String text = c.render();

    assertTrue(text.startsWith("# nats-server configuration in configuration mode"), text);
    assertFalse(text.contains("operator"), text);
    assertTrue(text.contains("        nkey: \"" + ALICE + "\"\n"), text);
    assertTrue(
        text.contains(
            "          publish: { allow: [\"orders.>\", \"users.signup\"] }\n"
                + "          subscribe: { allow: [\"events.>\"], deny: [\"events.audit.>\"] }\n"
                + "          allow_responses: { max: 2, expires: \"5s\" }\n"),
        text);
    assertTrue(text.contains("allowed_connection_types: [\"STANDARD\"]"), text);
    assertTrue(text.contains("{ stream: \"events.>\" }"), text);
    assertTrue(
        text.contains(
            "{ stream: { account: \"ORDERS\", subject: \"events.>\" }, prefix: \"orders\" }"),
        text);
    assertTrue(text.contains("system_account: \"SYS\"\nno_auth_user: \"guest\"\n"), text);
    assertEquals(c, c.toBuilder().build());
  }

  @Test
  void password_hashesWithBcrypt_goHashAndOursCheckAlike() {
    ConfigUser u = ConfigUser.password("bob", "password".toCharArray(), 4).build();
    String hash = u.passwordHash().orElseThrow();

    assertTrue(hash.startsWith("$2a$04$"), hash);
    assertTrue(ConfigUser.checkPassword(hash, "password".toCharArray()));
    assertFalse(ConfigUser.checkPassword(hash, "Password".toCharArray()));
    // Interoperable with hashes made by Go's bcrypt.
    assertTrue(ConfigUser.checkPassword(GO_HASH, "password".toCharArray()));
    assertEquals(GO_HASH, ConfigUser.bcrypt("bob", GO_HASH).build().passwordHash().orElseThrow());
    assertFalse(u.toString().contains(hash.substring(7)), u.toString());
  }

  @Test
  void bcrypt_notAHash_throwsWithoutEchoingIt() {
    ServerConfigException e =
        assertThrows(ServerConfigException.class, () -> ConfigUser.bcrypt("bob", "hunter2"));
    assertEquals(String.format(ConfigUser.NOT_BCRYPT, "bob"), e.getMessage());
  }

  @Test
  void build_noAuthUserNkeyOrBcrypt_throws() {
    ServerConfig.Builder nkey =
        ServerConfig.builder()
            .account(ConfigAccount.builder("A").user(ConfigUser.nkey(ALICE).build()).build())
            .noAuthUser(ALICE);
    assertEquals(
        String.format(ServerConfig.NO_AUTH_USER_NKEY, ALICE),
        assertThrows(ServerConfigException.class, nkey::build).getMessage());
    ServerConfig.Builder bcrypt =
        ServerConfig.builder()
            .account(
                ConfigAccount.builder("A").user(ConfigUser.bcrypt("bob", GO_HASH).build()).build())
            .noAuthUser("bob");
    assertEquals(
        String.format(ServerConfig.NO_AUTH_USER_BCRYPT, "bob"),
        assertThrows(ServerConfigException.class, bcrypt::build).getMessage());
  }

  @Test
  void build_mixedModesUnknownAccountsDuplicates_throw() {
    ConfigAccount a = ConfigAccount.builder("A").user(ConfigUser.nkey(ALICE).build()).build();
    assertEquals(
        ServerConfig.MIXED_MODES,
        assertThrows(
                ServerConfigException.class,
                () -> ServerConfig.builder().operator("eyJx.y.z").account(a).build())
            .getMessage());
    assertThrows(
        ServerConfigException.class,
        () ->
            ServerConfig.builder()
                .account(ConfigAccount.builder("B").importStream("NOPE", "x", "").build())
                .build());
    assertThrows(
        ServerConfigException.class,
        () ->
            ServerConfig.builder()
                .account(a)
                .account(ConfigAccount.builder("B").user(ConfigUser.nkey(ALICE).build()).build())
                .build());
    assertThrows(
        ServerConfigException.class,
        () -> ServerConfig.builder().account(a).systemAccountName("SYS").build());
  }

  @Test
  void ofConfigUser_emptyAllowList_doesNotRestrictUnlikeJwt() {
    Permissions p = Permissions.of(new Permission(List.of(), List.of("x"), true), Permission.EMPTY);

    // A configuration's empty allow list is no allow list; a JWT's "allow":[] allows nothing.
    assertTrue(EffectivePermissions.ofConfigUser(p, ServerProfile.LATEST).canPublish("y"));
    assertFalse(
        EffectivePermissions.of(p, Permissions.EMPTY, ServerProfile.LATEST).canPublish("y"));
    assertFalse(EffectivePermissions.ofConfigUser(p, ServerProfile.LATEST).canPublish("x"));
  }
}
