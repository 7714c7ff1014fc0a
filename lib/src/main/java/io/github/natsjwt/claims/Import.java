package io.github.natsjwt.claims;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.internal.spi.EmbeddedTokens;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stream or service an account takes from another account (an element of {@code nats.imports},
 * spec claims.md section 3.2.6).
 *
 * <p>Immutable and thread-safe. Build one with {@link #stream(String, String)} or {@link
 * #service(String, String)}:
 *
 * <pre>{@code
 * Import orders = Import.service(exporterKey, "orders.*.create")
 *     .name("orders")
 *     .localSubject("shop.$1.order")
 *     .token(activationToken)
 *     .build();
 * }</pre>
 *
 * <p>{@link #subject()} is always seen from the publisher's side: for a stream the exporter's
 * subject, for a service the subject the importer sends requests to. {@link #localSubject()} may
 * rename it and refer to its {@code *} wildcards as {@code $1}, {@code $2}, ... The older {@link
 * #to()} does the same without references and is deprecated by the reference.
 */
public final class Import {
  private final String name;
  private final String subject;
  private final String account;
  private final String token;
  private final String to;
  private final String localSubject;
  private final ExportType type;
  private final boolean share;
  private final boolean allowTrace;

  private Import(Builder b) {
    name = b.name;
    subject = b.subject;
    account = b.account;
    token = b.token;
    to = b.to;
    localSubject = b.localSubject;
    type = b.type;
    share = b.share;
    allowTrace = b.allowTrace;
  }

  /**
   * Starts an import with nothing set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a stream import.
   *
   * @param account the exporting account's public key
   * @param subject the exporter's subject
   * @return a new builder
   */
  public static Builder stream(String account, String subject) {
    return new Builder().type(ExportType.STREAM).account(account).subject(subject);
  }

  /**
   * Starts a service import.
   *
   * @param account the exporting account's public key
   * @param subject the subject the importer sends requests to
   * @return a new builder
   */
  public static Builder service(String account, String subject) {
    return new Builder().type(ExportType.SERVICE).account(account).subject(subject);
  }

  /**
   * Returns a builder holding a copy of this import.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.subject = subject;
    b.account = account;
    b.token = token;
    b.to = to;
    b.localSubject = localSubject;
    b.type = type;
    b.share = share;
    b.allowTrace = allowTrace;
    return b;
  }

  /**
   * Returns the friendly name ({@code name}).
   *
   * @return the name, or {@code ""}
   */
  public String name() {
    return name;
  }

  /**
   * Returns the subject as seen by the publisher ({@code subject}).
   *
   * @return the subject, or {@code ""}
   */
  public String subject() {
    return subject;
  }

  /**
   * Returns the exporting account's public key ({@code account}).
   *
   * @return the key, or {@code ""}
   */
  public String account() {
    return account;
  }

  /**
   * Returns the activation token ({@code token}), needed when the export requires one.
   *
   * @return the JWT, or {@code ""}
   */
  public String token() {
    return token;
  }

  /**
   * Returns the deprecated local subject ({@code to}); use {@link #localSubject()}.
   *
   * @return the subject, or {@code ""}
   */
  public String to() {
    return to;
  }

  /**
   * Returns the local subject ({@code local_subject}), which may refer to the wildcards of {@link
   * #subject()} as {@code $1}, {@code $2}, ...
   *
   * @return the subject, or {@code ""}
   */
  public String localSubject() {
    return localSubject;
  }

  /**
   * Returns whether this is a stream or a service ({@code type}).
   *
   * @return the type; {@link ExportType#UNKNOWN} when not set
   */
  public ExportType type() {
    return type;
  }

  /**
   * Returns whether latency information is shared with the exporter ({@code share}); services only.
   *
   * @return {@code true} when shared
   */
  public boolean share() {
    return share;
  }

  /**
   * Returns whether message traces may cross this stream import ({@code allow_trace}).
   *
   * @return {@code true} when traces are allowed
   */
  public boolean allowTrace() {
    return allowTrace;
  }

  /**
   * Returns whether this is a service import.
   *
   * @return {@code true} for a service
   */
  public boolean isService() {
    return type == ExportType.SERVICE;
  }

  /**
   * Returns whether this is a stream import.
   *
   * @return {@code true} for a stream
   */
  public boolean isStream() {
    return type == ExportType.STREAM;
  }

  /**
   * Returns the local subject with every {@code $N} reference replaced by {@code *}, as the
   * reference's {@code RenamingSubject.ToSubject} does.
   *
   * @return the local subject as a subscription subject, or {@code ""} when none is set
   */
  public String localSubjectAsSubject() {
    return toSubject(localSubject);
  }

  /** The subject this import occupies locally, for the overlap check of service imports. */
  String effectiveLocalSubject() {
    if (!to.isEmpty()) {
      return to;
    }
    if (!localSubject.isEmpty()) {
      return toSubject(localSubject);
    }
    return subject;
  }

  // ------------------------------------------------------------------ validation

  /** The reference's Import.Validate (spec claims.md section 4.5), in its order. */
  void validate(String importer, ValidationResult.Collector c) {
    if (!isService() && !isStream()) {
      c.error("invalid import type: " + GoText.quote(type.value()));
    }
    // allow_trace came after jwt 2.3.0, which ignores it.
    if (isService() && allowTrace && c.rules().validatesLaterFields()) {
      c.error("AllowTrace only valid for stream import");
    }
    if (account.isEmpty()) {
      c.error("account to import from is not specified");
    }
    if (!to.isEmpty()) {
      c.warning("the field to has been deprecated (use LocalSubject instead)");
    }
    Subjects.validate(c, subject);
    if (!localSubject.isEmpty()) {
      validateRenaming(c, localSubject, subject);
      if (!to.isEmpty()) {
        c.error("Local Subject replaces To");
      }
    }
    if (share && !isService()) {
      c.error(
          "sharing information (for latency tracking) is only valid for services: "
              + GoText.quote(subject));
    }
    if (token.isEmpty()) {
      return;
    }
    ActivationClaims act;
    try {
      act = EmbeddedTokens.get().decode(token, ActivationClaims.class, c.rules().capsTokenSize());
    } catch (NatsJwtException e) {
      c.error("import " + GoText.quote(subject) + " contains an invalid activation token");
      return;
    }
    if (!act.issuer().equals(account) && !act.issuerAccount().equals(account)) {
      c.error("activation token doesn't match account for import " + GoText.quote(subject));
    }
    if (!act.subject().equals(importer)) {
      c.error(
          "activation token doesn't match account it is being included in, "
              + GoText.quote(subject));
    }
    if (act.kind() != type) {
      c.error(
          "mismatch between token import type "
              + act.kind().value()
              + " and type of import "
              + type.value());
    }
    act.validateContent(c);
    String checked = isService() && !to.isEmpty() ? to : subject;
    if (!Subjects.isContainedIn(checked, act.importSubject())) {
      c.error(
          "activation token import subject "
              + GoText.quote(act.importSubject())
              + " doesn't match import "
              + GoText.quote(c.rules().namesCheckedImportSubject() ? checked : subject));
    }
  }

  /** The reference's RenamingSubject.Validate of a local subject against the import subject. */
  static void validateRenaming(ValidationResult.Collector c, String local, String from) {
    Subjects.validate(c, local);
    if (from.isEmpty()) {
      c.error("subject cannot be empty");
    }
    if (local.contains(" ")) {
      c.error("subject " + GoText.quote(local) + " cannot have spaces");
    }
    if (endsInFullWildcard(local) != endsInFullWildcard(from)) {
      c.error("both, renaming subject and subject, need to end or not end in >");
    }
    int wildcards = Subjects.countTokenWildcards(from);
    int references = 0;
    for (String token : local.split("\\.", -1)) {
      if (token.equals("*")) {
        references++;
      }
      if (token.length() < 2 || token.charAt(0) != '$') {
        continue;
      }
      Long index = goAtoi(token.substring(1));
      if (index != null) {
        if (index > wildcards) {
          c.error(
              "Reference $"
                  + index
                  + " in "
                  + GoText.quote(local)
                  + " reference * in "
                  + GoText.quote(from)
                  + " that do not exist");
        } else {
          references++;
        }
      }
    }
    if (references != wildcards) {
      c.error("subject does not contain enough * or reference wildcards $[0-9]");
    }
  }

  private static boolean endsInFullWildcard(String s) {
    return s.equals(">") || s.endsWith(".>");
  }

  /** RenamingSubject.ToSubject: each {@code $N} token becomes {@code *}. */
  static String toSubject(String local) {
    if (local.indexOf('$') < 0) {
      return local;
    }
    String[] tokens = local.split("\\.", -1);
    StringBuilder sb = new StringBuilder(local.length());
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      boolean reference = t.length() > 1 && t.charAt(0) == '$' && goAtoi(t.substring(1)) != null;
      sb.append(reference ? "*" : t);
      if (i < tokens.length - 1) {
        sb.append('.');
      }
    }
    return sb.toString();
  }

  /** Go's strconv.Atoi on 64 bits: an optional sign and ASCII digits, in range; else null. */
  static @Nullable Long goAtoi(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (start == s.length()) {
      return null;
    }
    for (int i = start; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ JSON

  void write(GoJsonWriter w) {
    w.beginObject();
    w.field("name", name);
    w.field("subject", subject);
    w.field("account", account);
    w.field("token", token);
    w.field("to", to);
    w.field("local_subject", localSubject);
    type.writeField(w, "type");
    w.field("share", share);
    w.field("allow_trace", allowTrace);
    w.endObject();
  }

  static Import read(JsonIn o) {
    Builder b = new Builder();
    b.name = o.string("name");
    b.subject = o.string("subject");
    b.account = o.string("account");
    b.token = o.string("token");
    b.to = o.string("to");
    b.localSubject = o.string("local_subject");
    b.type = ExportType.read(o, "type");
    b.share = o.bool("share");
    b.allowTrace = o.bool("allow_trace");
    return b.build();
  }

  /**
   * Imports are equal when all their fields are.
   *
   * @param o the other object
   * @return whether both describe the same import
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Import && ((Import) o).json().equals(json());
  }

  @Override
  public int hashCode() {
    return json().hashCode();
  }

  /**
   * Describes the import without its activation token.
   *
   * @return for example {@code Import[service orders.* from A..., token=yes]}
   */
  @Override
  public String toString() {
    return "Import["
        + type.value()
        + " "
        + subject
        + " from "
        + Redact.key(account)
        + (localSubject.isEmpty() ? "" : " as " + localSubject)
        + (to.isEmpty() ? "" : " to " + to)
        + (token.isEmpty() ? "" : ", token=yes")
        + "]";
  }

  private String json() {
    GoJsonWriter w = new GoJsonWriter();
    write(w);
    return w.toString();
  }

  /**
   * Builds an {@link Import}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private String name = "";
    private String subject = "";
    private String account = "";
    private String token = "";
    private String to = "";
    private String localSubject = "";
    private ExportType type = ExportType.UNKNOWN;
    private boolean share;
    private boolean allowTrace;

    private Builder() {}

    /**
     * Sets the friendly name.
     *
     * @param name the name; {@code ""} clears it
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the subject as seen by the publisher.
     *
     * @param subject the subject
     * @return this builder
     */
    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /**
     * Sets the exporting account.
     *
     * @param account the account's public key
     * @return this builder
     */
    public Builder account(String account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * Sets the activation token.
     *
     * @param token the activation JWT; {@code ""} clears it
     * @return this builder
     */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Sets the deprecated local subject; prefer {@link #localSubject(String)}.
     *
     * @param to the local subject; {@code ""} clears it
     * @return this builder
     */
    public Builder to(String to) {
      this.to = Objects.requireNonNull(to, "to");
      return this;
    }

    /**
     * Sets the local subject, which may refer to the wildcards of the subject as {@code $1}, {@code
     * $2}, ...
     *
     * @param localSubject the local subject; {@code ""} clears it
     * @return this builder
     */
    public Builder localSubject(String localSubject) {
      this.localSubject = Objects.requireNonNull(localSubject, "localSubject");
      return this;
    }

    /**
     * Sets whether this is a stream or a service.
     *
     * @param type the type
     * @return this builder
     */
    public Builder type(ExportType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets whether latency information is shared with the exporter (services only).
     *
     * @param share {@code true} to share it
     * @return this builder
     */
    public Builder share(boolean share) {
      this.share = share;
      return this;
    }

    /**
     * Sets whether message traces may cross this stream import.
     *
     * @param allow {@code true} to allow them
     * @return this builder
     */
    public Builder allowTrace(boolean allow) {
      this.allowTrace = allow;
      return this;
    }

    /**
     * Returns the import.
     *
     * @return the immutable import
     */
    public Import build() {
      return new Import(this);
    }
  }
}
