package io.github.natsjwt.config;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.ResponsePermission;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writes the configuration-mode part of a {@link ServerConfig}: accounts, users, permissions. */
final class ConfigModeText {
  private ConfigModeText() {}

  static void append(
      StringBuilder out,
      List<ConfigAccount> accounts,
      @Nullable String noAuthUser,
      @Nullable String systemAccountName) {
    if (accounts.isEmpty()) {
      return;
    }
    out.append("accounts: {\n");
    for (ConfigAccount a : accounts) {
      out.append("  ").append(ServerConfig.quote(a.name())).append(": {\n");
      if (!a.users().isEmpty()) {
        out.append("    users: [\n");
        for (ConfigUser u : a.users()) {
          user(out, u);
        }
        out.append("    ]\n");
      }
      if (!a.exports().isEmpty()) {
        out.append("    exports: [\n");
        for (ConfigAccount.Export e : a.exports()) {
          out.append("      { ")
              .append(e.type().value())
              .append(": ")
              .append(ServerConfig.quote(e.subject()))
              .append(" }\n");
        }
        out.append("    ]\n");
      }
      if (!a.imports().isEmpty()) {
        out.append("    imports: [\n");
        for (ConfigAccount.Import i : a.imports()) {
          out.append("      { ")
              .append(i.type().value())
              .append(": { account: ")
              .append(ServerConfig.quote(i.account()))
              .append(", subject: ")
              .append(ServerConfig.quote(i.subject()))
              .append(" }");
          if (!i.local().isEmpty()) {
            out.append(
                    i.type() == io.github.natsjwt.claims.ExportType.STREAM
                        ? ", prefix: "
                        : ", to: ")
                .append(ServerConfig.quote(i.local()));
          }
          out.append(" }\n");
        }
        out.append("    ]\n");
      }
      out.append("  }\n");
    }
    out.append("}\n");
    if (systemAccountName != null) {
      out.append("system_account: ").append(ServerConfig.quote(systemAccountName)).append('\n');
    }
    if (noAuthUser != null) {
      out.append("no_auth_user: ").append(ServerConfig.quote(noAuthUser)).append('\n');
    }
  }

  private static void user(StringBuilder out, ConfigUser u) {
    out.append("      {\n");
    if (u.nkey().isPresent()) {
      out.append("        nkey: ").append(ServerConfig.quote(u.nkey().get())).append('\n');
    } else {
      out.append("        user: ").append(ServerConfig.quote(u.name().orElseThrow())).append('\n');
      if (u.passwordHash().isPresent()) {
        out.append("        password: ")
            .append(ServerConfig.quote(u.passwordHash().get()))
            .append('\n');
      }
    }
    Permissions p = u.permissions();
    if (!p.isEmpty()) {
      out.append("        permissions: {\n");
      direction(out, "publish", p.pub());
      direction(out, "subscribe", p.sub());
      if (p.resp().isPresent()) {
        ResponsePermission r = p.resp().get();
        if (r.max() == 0 && r.ttl().isZero()) {
          out.append("          allow_responses: true\n");
        } else {
          out.append("          allow_responses: {");
          String sep = " ";
          if (r.max() != 0) {
            out.append(sep).append("max: ").append(r.max());
            sep = ", ";
          }
          if (!r.ttl().isZero()) {
            out.append(sep)
                .append("expires: ")
                .append(ServerConfig.quote(ServerConfig.goDuration(r.ttl())));
          }
          out.append(" }\n");
        }
      }
      out.append("        }\n");
    }
    if (!u.allowedConnectionTypes().isEmpty()) {
      out.append("        allowed_connection_types: ");
      list(out, u.connectionTypeValues());
      out.append('\n');
    }
    out.append("      }\n");
  }

  private static void direction(StringBuilder out, String key, Permission p) {
    if (p.allow().isEmpty() && p.deny().isEmpty()) {
      return;
    }
    out.append("          ").append(key).append(": {");
    String sep = " ";
    if (!p.allow().isEmpty()) {
      out.append(sep).append("allow: ");
      list(out, p.allow());
      sep = ", ";
    }
    if (!p.deny().isEmpty()) {
      out.append(sep).append("deny: ");
      list(out, p.deny());
    }
    out.append(" }\n");
  }

  private static void list(StringBuilder out, List<String> values) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(ServerConfig.quote(values.get(i)));
    }
    out.append(']');
  }
}
