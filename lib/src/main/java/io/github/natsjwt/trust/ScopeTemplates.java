package io.github.natsjwt.trust;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.internal.go.GoStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Expands the permission templates of a scoped signing key for one user, as nats-server does when
 * the user connects (spec trust-chain.md sections 4.3 and 4.4).
 *
 * <p>Stateless and thread-safe. A template such as {@code {{name()}}} in the {@code pub} or {@code
 * sub} allow and deny lists of a scope's template is replaced by values of the user and its
 * account:
 *
 * <table>
 *   <caption>Template functions</caption>
 *   <tr><th>function</th><th>value</th></tr>
 *   <tr><td>{@code name()}</td><td>the user JWT's {@code name}</td></tr>
 *   <tr><td>{@code subject()}</td><td>the user's public key</td></tr>
 *   <tr><td>{@code account-name()}</td><td>the account JWT's {@code name}</td></tr>
 *   <tr><td>{@code account-subject()}</td><td>the user's {@code issuer_account}</td></tr>
 *   <tr><td>{@code tag(x)}</td><td>every value {@code v} of a user tag {@code x:v}</td></tr>
 *   <tr><td>{@code account-tag(x)}</td><td>the same over the account's tags</td></tr>
 * </table>
 *
 * <p>An entry with tag templates expands to every combination of their values. Entries that end up
 * as invalid subjects are dropped from allow lists and reject the user in deny lists; an allow list
 * that had entries and loses all of them makes the server deny everything ({@code >}) for that
 * direction. How templates are found and what an unknown function does depends on the {@link
 * ServerProfile}:
 *
 * <ul>
 *   <li>{@link ServerProfile#templatesAnywhere()} (2.11 and later): a template may sit anywhere in
 *       an entry ({@code KV_{{tag(bucket)}}}), function names are trimmed and case-insensitive, an
 *       unknown function rejects the user, and a tag without values rejects in a deny list and
 *       drops the entry from an allow list.
 *   <li>Otherwise (2.9, 2.10): only a whole token between dots is a template ({@code x{{name()}}}
 *       is a literal), the function is lower-cased but not trimmed, an unknown function or a tag
 *       without values makes the entry invalid. With {@link ServerProfile#templateEmptyTagCrash()}
 *       an entry mixing a tag that has values with an empty token crashes 2.9; the user is reported
 *       as rejected.
 *   <li>With {@link ServerProfile#templateSubjectLimit()}, a list may expand to at most {@value
 *       #MAX_SUBJECTS} subjects.
 * </ul>
 */
public final class ScopeTemplates {
  /** The most subjects one permission list may expand to on servers that limit it. */
  public static final int MAX_SUBJECTS = 4096;

  /**
   * Servers without {@link ServerProfile#templateSubjectLimit()} expand without bound; this library
   * refuses to build lists beyond this size and reports the user as rejected instead.
   */
  static final int EVALUATION_LIMIT = 1 << 16;

  // {{ then one or more characters other than } then }}.
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{([^}]+)\\}\\}");

  private ScopeTemplates() {}

  /**
   * Applies a scoped key's template to a user.
   *
   * <p>The user's own permission block is not consulted (a user signed by a scoped key must leave
   * it empty; see {@link io.github.natsjwt.claims.UserScope#scopedSignerProblem}); only its {@code
   * name}, {@code sub}, {@code tags} and {@code issuer_account} feed the templates.
   *
   * @param template the scope's template ({@link io.github.natsjwt.claims.UserScope#template()})
   * @param user the user signed by the scoped key
   * @param account the user's account
   * @param profile the server version whose rules apply
   * @return the expanded template, or the server's reason to reject the user
   */
  public static TemplateExpansion expand(
      UserPermissionLimits template,
      UserClaims user,
      AccountClaims account,
      ServerProfile profile) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(profile, "profile");
    Expander x = new Expander(user, account, profile);
    Permissions p = template.permissions();
    try {
      // The server's order: sub.allow, sub.deny, pub.allow, pub.deny; the first problem wins.
      Permission sub = x.permission("sub", p.sub());
      Permission pub = x.permission("pub", p.pub());
      Permissions expanded = Permissions.of(pub, sub, p.resp().orElse(null));
      return TemplateExpansion.expanded(template.toBuilder().permissions(expanded).build());
    } catch (Rejection r) {
      return TemplateExpansion.rejected(r.getMessage());
    }
  }

  /** Why the server rejects the user; control flow inside this class only. */
  private static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    Rejection(String message) {
      super(message, null, false, false);
    }
  }

  /** The expansion of one user's template lists. */
  private static final class Expander {
    private final UserClaims user;
    private final AccountClaims account;
    private final ServerProfile profile;
    // Why the last entry expanded by the 2.9/2.10 rules may be invalid, for the rejection text.
    private @Nullable String note;

    Expander(UserClaims user, AccountClaims account, ServerProfile profile) {
      this.user = user;
      this.account = account;
      this.profile = profile;
    }

    /** Expands allow then deny, and adds {@code >} to deny when a non-empty allow empties. */
    Permission permission(String direction, Permission given) throws Rejection {
      List<String> allow = list(direction + ".allow", given.allow(), false);
      List<String> deny = list(direction + ".deny", given.deny(), true);
      boolean allowPresent = given.allowPresent();
      if (allow == null) {
        allow = given.allow();
      } else {
        allowPresent = true;
      }
      if (deny == null) {
        deny = given.deny();
      }
      if (!given.allow().isEmpty() && allow.isEmpty() && !deny.contains(">")) {
        deny = new ArrayList<>(deny);
        deny.add(">");
      }
      return new Permission(allow, deny, allowPresent);
    }

    /** Expands one list, or returns {@code null} when it holds no template and stays as is. */
    @Nullable List<String> list(String listName, List<String> entries, boolean deny)
        throws Rejection {
      boolean anywhere = profile.has(ServerBehaviour.TEMPLATES_ANYWHERE);
      boolean found = false;
      for (String e : entries) {
        if (anywhere ? TEMPLATE.matcher(e).find() : hasTokenTemplate(e)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (String e : entries) {
        note = null;
        List<String> candidates =
            anywhere
                ? expandAnywhere(listName, e, deny, out.size())
                : expandTokens(listName, e, out.size());
        for (String s : candidates) {
          if (SubjectMatcher.isValidSubject(s)) {
            out.add(s);
          } else if (deny) {
            throw new Rejection(
                listName
                    + " entry "
                    + quote(e)
                    + ": generated invalid subject "
                    + quote(s)
                    + (note == null ? "" : " (" + note + ")"));
          }
        }
      }
      return out;
    }

    // ---------------------------------------------------------------- 2.11 and later

    private List<String> expandAnywhere(String listName, String entry, boolean deny, int emitted)
        throws Rejection {
      Matcher m = TEMPLATE.matcher(entry);
      List<String> texts = new ArrayList<>();
      List<List<String>> values = new ArrayList<>();
      while (m.find()) {
        texts.add(m.group());
        values.add(valuesAnywhere(listName, entry, m.group(1), deny));
      }
      checkSize(listName, entry, emitted, values);
      List<String> out = new ArrayList<>();
      for (List<String> combination : cartesianProduct(values)) {
        String s = entry;
        for (int i = 0; i < texts.size(); i++) {
          // A repeated template text takes the value of its first occurrence.
          s = s.replace(texts.get(i), combination.get(i));
        }
        out.add(s);
      }
      return out;
    }

    private List<String> valuesAnywhere(String listName, String entry, String inner, boolean deny)
        throws Rejection {
      String op = GoStrings.trimSpace(inner);
      String lower = GoStrings.toLower(op);
      switch (lower) {
        case "name()":
          return List.of(user.name());
        case "subject()":
          return List.of(user.subject());
        case "account-name()":
          return List.of(account.name());
        case "account-subject()":
          return List.of(user.issuerAccount());
        default:
          break;
      }
      boolean accountTag = lower.startsWith("account-tag(") && lower.endsWith(")");
      boolean userTag = lower.startsWith("tag(") && lower.endsWith(")");
      if (!accountTag && !userTag) {
        throw new Rejection(
            listName
                + " entry "
                + quote(entry)
                + ": template operation "
                + quote(op)
                + " not defined");
      }
      // The function name is recognised in any case, but only its lower-case spelling is cut
      // off before the tag name is taken: "Tag(team)" looks for tags "tag(team:...".
      String arg = op;
      String prefix = accountTag ? "account-tag(" : "tag(";
      if (arg.startsWith(prefix)) {
        arg = arg.substring(prefix.length());
      }
      if (arg.endsWith(")")) {
        arg = arg.substring(0, arg.length() - 1);
      }
      List<String> found = tagValues(accountTag ? account.tags() : user.tags(), arg);
      if (!found.isEmpty()) {
        return found;
      }
      if (deny) {
        throw new Rejection(
            listName
                + " entry "
                + quote(entry)
                + ": generated invalid subject, tag "
                + quote(arg)
                + " not defined");
      }
      // Missing tag in an allow list: a space, which no valid subject holds.
      return List.of(" ");
    }

    // ---------------------------------------------------------------- 2.9 and 2.10

    private static boolean hasTokenTemplate(String entry) {
      for (String t : SubjectMatcher.tokens(entry)) {
        if (isTokenTemplate(t)) {
          return true;
        }
      }
      return false;
    }

    private static boolean isTokenTemplate(String token) {
      return token.startsWith("{{") && token.endsWith("}}") && token.length() >= 4;
    }

    private List<String> expandTokens(String listName, String entry, int emitted) throws Rejection {
      List<String> tokens = SubjectMatcher.tokens(entry);
      List<String> fixed = new ArrayList<>(tokens.size());
      List<Boolean> isTag = new ArrayList<>(tokens.size());
      List<List<String>> tagLists = new ArrayList<>();
      boolean emptyTag = false;
      for (String t : tokens) {
        if (!isTokenTemplate(t)) {
          fixed.add(t);
          isTag.add(false);
          continue;
        }
        String op = GoStrings.toLower(t.substring(2, t.length() - 2));
        String value;
        boolean tag = false;
        switch (op) {
          case "name()":
            value = user.name();
            break;
          case "subject()":
            value = user.subject();
            break;
          case "account-name()":
            value = account.name();
            break;
          case "account-subject()":
            value = user.issuerAccount();
            break;
          default:
            boolean accountTag = op.startsWith("account-tag(") && op.endsWith(")");
            boolean userTag = op.startsWith("tag(") && op.endsWith(")");
            if (accountTag || userTag) {
              String arg = op.substring(accountTag ? 12 : 4, op.length() - 1);
              List<String> found = tagValues(accountTag ? account.tags() : user.tags(), arg);
              if (found.isEmpty()) {
                emptyTag = true;
                note = "tag " + quote(arg) + " not defined";
              } else {
                tagLists.add(found);
                tag = true;
              }
              value = "";
            } else {
              // Unknown function: a space, which no valid subject holds.
              value = " ";
              note = "template operation " + quote(op) + " not defined";
            }
        }
        fixed.add(value);
        isTag.add(tag);
      }
      if (tagLists.isEmpty()) {
        return List.of(String.join(".", fixed));
      }
      if (profile.has(ServerBehaviour.TEMPLATE_EMPTY_TAG_CRASH)) {
        long emptyTokens = fixed.stream().filter(String::isEmpty).count();
        if (emptyTokens > tagLists.size()) {
          throw new Rejection(
              listName
                  + " entry "
                  + quote(entry)
                  + ": an empty token (such as a tag without"
                  + " values) next to a tag with values crashes nats-server 2.9 during template"
                  + " expansion; treated as rejected");
        }
      }
      if (emptyTag) {
        // The tag without values stays an empty token, so every expansion is invalid.
        return List.of(String.join(".", fixed));
      }
      checkSize(listName, entry, emitted, tagLists);
      List<String> out = new ArrayList<>();
      for (List<String> combination : cartesianProduct(tagLists)) {
        List<String> subject = new ArrayList<>(fixed);
        int next = 0;
        for (int i = 0; i < subject.size(); i++) {
          if (isTag.get(i)) {
            subject.set(i, combination.get(next++));
          }
        }
        out.add(String.join(".", subject));
      }
      return out;
    }

    // ---------------------------------------------------------------- shared

    /** The server's cap on a list's size where it has one, and this library's own bound. */
    private void checkSize(String listName, String entry, int emitted, List<List<String>> values)
        throws Rejection {
      long combinations = 1;
      for (List<String> v : values) {
        combinations = Math.min(combinations * v.size(), Integer.MAX_VALUE);
      }
      if (profile.has(ServerBehaviour.TEMPLATE_SUBJECT_LIMIT)
          && emitted + combinations > MAX_SUBJECTS) {
        throw new Rejection(
            listName
                + " entry "
                + quote(entry)
                + ": template expansion exceeds the limit of "
                + MAX_SUBJECTS
                + " subjects per list");
      }
      if (emitted + combinations > EVALUATION_LIMIT) {
        throw new Rejection(
            listName
                + " entry "
                + quote(entry)
                + ": template expansion yields more than "
                + EVALUATION_LIMIT
                + " subjects, too many to evaluate; treated as rejected");
      }
    }

    /** Values of tags {@code name:value}, the name lower-cased, compared case-sensitively. */
    private static List<String> tagValues(List<String> tags, String name) {
      String prefix = GoStrings.toLower(name) + ":";
      List<String> out = new ArrayList<>();
      for (String t : tags) {
        if (t.startsWith(prefix)) {
          out.add(t.substring(prefix.length()));
        }
      }
      return out;
    }
  }

  /** Every combination of one value per list, in list order, the last list varying fastest. */
  static List<List<String>> cartesianProduct(List<List<String>> lists) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> l : lists) {
      if (l.isEmpty()) {
        return out;
      }
    }
    int[] index = new int[lists.size()];
    while (true) {
      List<String> combination = new ArrayList<>(lists.size());
      for (int i = 0; i < lists.size(); i++) {
        combination.add(lists.get(i).get(index[i]));
      }
      out.add(combination);
      int j = lists.size() - 1;
      while (j >= 0) {
        index[j]++;
        if (index[j] < lists.get(j).size()) {
          break;
        }
        index[j] = 0;
        j--;
      }
      if (j < 0) {
        return out;
      }
    }
  }

  private static String quote(String s) {
    return '"' + s + '"';
  }
}
