package io.github.natsjwt.claims;

import io.github.natsjwt.internal.codec.Utf8;
import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An account JWT: an account's imports and exports, the limits its operator grants, its signing
 * keys, revoked users, default permissions, subject mappings and auth-callout configuration (spec
 * claims.md section 3.2).
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}, which starts with the
 * defaults of the reference's {@code NewAccountClaims}: {@link OperatorLimits#UNLIMITED} limits
 * (JetStream disabled) and an empty {@code authorization}. Accounts are issued by an operator (or
 * one of its signing keys), or self-signed.
 *
 * <pre>{@code
 * AccountClaims account = AccountClaims.builder(accountKey.publicKey())
 *     .name("orders")
 *     .limits(OperatorLimits.UNLIMITED.toBuilder()
 *         .jetStream(JetStreamLimits.builder().diskStorage(1L << 30).streams(10).build())
 *         .build())
 *     .addExports(Export.service("orders.*.create").accountTokenPosition(2).build())
 *     .addSigningKeys(signingKey.publicKey())
 *     .build();
 * String token = Jwt.encode(account, operatorSigningKey);
 * }</pre>
 *
 * <p>Encoding sorts the imports and the exports by subject, as the reference does. A decoded token
 * keeps its {@code null} imports or exports, if any: {@link #validate(Instant)} reports them and
 * encoding refuses them.
 */
public final class AccountClaims extends Claims {
  private final List<@Nullable Import> rawImports;
  private final List<@Nullable Export> rawExports;
  private final List<Import> imports;
  private final List<Export> exports;
  private final OperatorLimits limits;
  private final SigningKeys signingKeys;
  private final RevocationList revocations;
  private final Permissions defaultPermissions;
  private final Map<String, List<WeightedMapping>> mappings;
  // Sources whose destination list was JSON null (a nil slice in Go): empty in mappings(), and
  // written back as null, as Go writes a nil slice. Always a subset of mappings' keys.
  private final Set<String> nullMappings;
  private final ExternalAuthorization authorization;
  // The reference writes "authorization" even when empty since it was added; tokens from older
  // versions have no such key, and re-encode without it.
  private final boolean writeAuthorization;
  private final @Nullable MsgTrace trace;
  private final String clusterTraffic;
  private final String description;
  private final String infoUrl;

  private AccountClaims(ClaimsData data, Builder b) {
    super(data.freeze());
    rawImports = Collections.unmodifiableList(new ArrayList<>(b.imports));
    rawExports = Collections.unmodifiableList(new ArrayList<>(b.exports));
    imports = rawImports.stream().filter(Objects::nonNull).map(Objects::requireNonNull).toList();
    exports = rawExports.stream().filter(Objects::nonNull).map(Objects::requireNonNull).toList();
    limits = b.limits;
    signingKeys = b.signingKeys.build();
    revocations = b.revocations.build();
    defaultPermissions = b.defaultPermissions;
    Map<String, List<WeightedMapping>> m = new LinkedHashMap<>();
    for (String from : GoJsonWriter.sortedKeys(b.mappings)) {
      m.put(from, List.copyOf(b.mappings.get(from)));
    }
    mappings = Collections.unmodifiableMap(m);
    Set<String> nulls = new HashSet<>(b.nullMappings);
    nulls.retainAll(m.keySet());
    nullMappings = Collections.unmodifiableSet(nulls);
    authorization = b.authorization;
    writeAuthorization = b.writeAuthorization || !b.authorization.isEmpty();
    trace = b.trace;
    clusterTraffic = b.clusterTraffic;
    description = b.description;
    infoUrl = b.infoUrl;
  }

  /**
   * Starts an account claim about an account public key, with the defaults of a new account.
   *
   * @param subject the account's public key ({@code A...})
   * @return a new builder
   */
  public static Builder builder(String subject) {
    return new Builder(new ClaimsData(), true).subject(subject);
  }

  /**
   * Returns a builder holding a copy of these claims.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(data.copy(), false);
    b.imports.addAll(rawImports);
    b.exports.addAll(rawExports);
    b.limits = limits;
    b.signingKeys = signingKeys.toBuilder();
    b.revocations = revocations.toBuilder();
    b.defaultPermissions = defaultPermissions;
    b.mappings.putAll(mappings);
    b.nullMappings.addAll(nullMappings);
    b.authorization = authorization;
    b.writeAuthorization = writeAuthorization;
    b.trace = trace;
    b.clusterTraffic = clusterTraffic;
    b.description = description;
    b.infoUrl = infoUrl;
    return b;
  }

  @Override
  public ClaimType type() {
    return ClaimType.ACCOUNT;
  }

  /**
   * Returns the imports ({@code imports}); {@code null} entries of a decoded token are left out.
   *
   * @return the imports, in order
   */
  public List<Import> imports() {
    return imports;
  }

  /**
   * Returns the exports ({@code exports}); {@code null} entries of a decoded token are left out.
   *
   * @return the exports, in order
   */
  public List<Export> exports() {
    return exports;
  }

  /**
   * Returns the limits the operator grants ({@code limits}).
   *
   * @return the limits; {@link OperatorLimits#EMPTY} for a decoded token without limits
   */
  public OperatorLimits limits() {
    return limits;
  }

  /**
   * Returns the signing keys ({@code signing_keys}).
   *
   * @return the plain and scoped signing keys
   */
  public SigningKeys signingKeys() {
    return signingKeys;
  }

  /**
   * Returns the revoked users ({@code revocations}): user key (or {@value RevocationList#ALL}) to
   * the time up to which its JWTs are revoked.
   *
   * @return the revocations
   */
  public RevocationList revocations() {
    return revocations;
  }

  /**
   * Returns the permissions of users that have none of their own ({@code default_permissions}).
   *
   * @return the permissions
   */
  public Permissions defaultPermissions() {
    return defaultPermissions;
  }

  /**
   * Returns the subject mappings ({@code mappings}): source subject to weighted destinations.
   *
   * <p>A source whose destinations were read as JSON {@code null} has an empty list here (the
   * server treats both alike) and is written back as {@code null}, as Go writes its nil slice.
   *
   * @return an unmodifiable map, sources in the order they are written (byte-wise)
   */
  public Map<String, List<WeightedMapping>> mappings() {
    return mappings;
  }

  /**
   * Returns the auth-callout configuration ({@code authorization}).
   *
   * @return the configuration; {@link ExternalAuthorization#NONE} when there is none
   */
  public ExternalAuthorization authorization() {
    return authorization;
  }

  /**
   * Returns whether the auth callout is enabled (the configuration has auth users).
   *
   * @return {@code true} when enabled
   */
  public boolean hasExternalAuthorization() {
    return authorization.isEnabled();
  }

  /**
   * Returns where message traces go ({@code trace}).
   *
   * @return the configuration, or empty when not set
   */
  public Optional<MsgTrace> trace() {
    return Optional.ofNullable(trace);
  }

  /**
   * Returns which account pays for cluster traffic ({@code cluster_traffic}).
   *
   * @return the option, or empty when not set
   */
  public Optional<ClusterTraffic> clusterTraffic() {
    return clusterTraffic.isEmpty()
        ? Optional.empty()
        : Optional.of(ClusterTraffic.of(clusterTraffic));
  }

  /**
   * Returns the description ({@code description}).
   *
   * @return the text, or {@code ""}
   */
  public String description() {
    return description;
  }

  /**
   * Returns the URL of more information ({@code info_url}).
   *
   * @return the URL, or {@code ""}
   */
  public String infoUrl() {
    return infoUrl;
  }

  /**
   * Returns whether a subject lies within one of the export subjects, as the reference's {@code
   * Exports.HasExportContainingSubject} decides (spec claims.md section 4.10: {@code *} in an
   * export matches one token, a final {@code >} the rest, and wildcards in {@code subject} are
   * compared literally).
   *
   * @param subject the subject to look for
   * @return {@code true} when some export covers it
   */
  public boolean hasExportContainingSubject(String subject) {
    Objects.requireNonNull(subject, "subject");
    for (Export e : exports) {
      if (Subjects.isContainedIn(subject, e.subject())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether this account signed a claim (spec claims.md section 5.5): the claim's issuer is
   * the account itself, or the claim is a user or activation whose {@code issuer_account} is this
   * account and whose issuer is one of its signing keys (plain or scoped). Scope templates are not
   * applied here.
   *
   * @param claim a decoded claim
   * @return {@code true} when this account or one of its signing keys issued it
   */
  public boolean didSign(Claims claim) {
    Objects.requireNonNull(claim, "claim");
    if (claim.issuer().equals(subject())) {
      return true;
    }
    String issuerAccount;
    if (claim instanceof UserClaims) {
      issuerAccount = ((UserClaims) claim).issuerAccount();
    } else if (claim instanceof ActivationClaims) {
      issuerAccount = ((ActivationClaims) claim).issuerAccount();
    } else {
      return false;
    }
    return issuerAccount.equals(subject()) && signingKeys.contains(claim.issuer());
  }

  /**
   * Returns whether this account revoked a user (spec claims.md section 4.11): whether the user's
   * key, or {@value RevocationList#ALL}, has a revocation at or after the user JWT's issue time. A
   * user claim without issue time or subject counts as revoked.
   *
   * @param user a decoded user claim
   * @return {@code true} when revoked
   */
  public boolean isClaimRevoked(UserClaims user) {
    return revocations.isClaimRevoked(Objects.requireNonNull(user, "user"));
  }

  // ------------------------------------------------------------------ encoding

  @Override
  Claims copyWith(ClaimsData data) {
    Builder b = toBuilder();
    // The reference's encoder sorts imports and exports by subject (byte-wise).
    b.imports.sort(
        Comparator.comparing(i -> utf8(i == null ? "" : i.subject()), Arrays::compareUnsigned));
    b.exports.sort(
        Comparator.comparing(e -> utf8(e == null ? "" : e.subject()), Arrays::compareUnsigned));
    return new AccountClaims(data, b);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  void checkEncodable() {
    if (!isKey(subject(), NKeyType.ACCOUNT)) {
      throw new InvalidClaimsException("expected subject to be account public key");
    }
    for (int i = 0; i < rawImports.size(); i++) {
      if (rawImports.get(i) == null) {
        throw new InvalidClaimsException(
            "nats.imports["
                + i
                + "] is null, which cannot be encoded; rebuild the imports with"
                + " AccountClaims.Builder.imports(...)");
      }
    }
    for (int i = 0; i < rawExports.size(); i++) {
      Export e = rawExports.get(i);
      if (e == null) {
        throw new InvalidClaimsException(
            "nats.exports["
                + i
                + "] is null, which cannot be encoded; rebuild the exports with"
                + " AccountClaims.Builder.exports(...)");
      }
      e.checkEncodable("nats.exports[" + i + "]");
    }
  }

  @Override
  void writeNats(GoJsonWriter w) {
    w.name("nats").beginObject();
    writeImports(w);
    writeExports(w);
    limits.write(w);
    signingKeys.writeField(w, "signing_keys");
    revocations.writeField(w, "revocations");
    w.name("default_permissions");
    defaultPermissions.write(w);
    writeMappings(w);
    if (writeAuthorization) {
      authorization.write(w);
    }
    if (trace != null) {
      trace.write(w);
    }
    w.field("cluster_traffic", clusterTraffic);
    w.field("description", description);
    w.field("info_url", infoUrl);
    data.writeGeneric(w, ClaimType.ACCOUNT);
    w.endObject();
  }

  private void writeImports(GoJsonWriter w) {
    if (!rawImports.isEmpty()) {
      w.name("imports").beginArray();
      for (Import i : rawImports) {
        if (i == null) {
          w.nullValue();
        } else {
          i.write(w);
        }
      }
      w.endArray();
    }
  }

  private void writeExports(GoJsonWriter w) {
    if (!rawExports.isEmpty()) {
      w.name("exports").beginArray();
      for (Export e : rawExports) {
        if (e == null) {
          w.nullValue();
        } else {
          e.write(w);
        }
      }
      w.endArray();
    }
  }

  private void writeMappings(GoJsonWriter w) {
    if (!mappings.isEmpty()) {
      w.name("mappings").beginObject();
      for (Map.Entry<String, List<WeightedMapping>> e : mappings.entrySet()) {
        if (nullMappings.contains(e.getKey())) {
          w.name(e.getKey()).nullValue();
          continue;
        }
        w.name(e.getKey()).beginArray();
        for (WeightedMapping m : e.getValue()) {
          m.write(w);
        }
        w.endArray();
      }
      w.endObject();
    }
  }

  /**
   * The payload bytes one field takes: its key, its value and the comma that separates it from its
   * neighbour ({@code nats} always holds other members, so every present field has one); 0 when the
   * field is not written.
   */
  long fieldJsonBytes(TokenSize.Field field) {
    GoJsonWriter w = new GoJsonWriter();
    w.beginObject();
    switch (field) {
      case IMPORTS -> writeImports(w);
      case EXPORTS -> writeExports(w);
      case SIGNING_KEYS -> signingKeys.writeField(w, "signing_keys");
      case REVOCATIONS -> revocations.writeField(w, "revocations");
      case MAPPINGS -> writeMappings(w);
      case OTHER -> throw new IllegalArgumentException("OTHER is what the fields leave");
    }
    w.endObject();
    long json = Utf8.length(w.toString());
    return json == 2 ? 0 : json - 2 + 1;
  }

  // ------------------------------------------------------------------ decoding

  static AccountClaims read(ClaimsData data, JsonIn payload, @Nullable JsonIn nats, int version) {
    boolean v1 = version == 1;
    Builder b = new Builder(data, false);
    b.limits = OperatorLimits.EMPTY;
    if (nats != null) {
      for (JsonIn o : nats.objects("imports")) {
        b.imports.add(o == null ? null : Import.read(o));
      }
      for (JsonIn o : nats.objects("exports")) {
        b.exports.add(o == null ? null : Export.read(o));
      }
      b.limits =
          nats.object("limits").map(o -> OperatorLimits.read(o, v1)).orElse(OperatorLimits.EMPTY);
      if (v1) {
        // v1 signing keys are plain keys.
        for (String k : nats.strings("signing_keys")) {
          b.signingKeys.add(k);
        }
      } else {
        b.signingKeys = SigningKeys.read(nats, "signing_keys").toBuilder();
      }
      b.revocations = RevocationList.read(nats, "revocations").toBuilder();
    }
    if (nats != null && !v1) {
      b.defaultPermissions =
          nats.object("default_permissions").map(Permissions::read).orElse(Permissions.EMPTY);
      Optional<JsonIn> mappings = nats.object("mappings");
      if (mappings.isPresent()) {
        readMappings(mappings.get(), b.mappings, b.nullMappings);
      }
      Optional<JsonIn> auth = nats.object("authorization");
      b.writeAuthorization = auth.isPresent();
      b.authorization = auth.map(ExternalAuthorization::read).orElse(ExternalAuthorization.NONE);
      b.trace = nats.object("trace").map(MsgTrace::read).orElse(null);
      b.clusterTraffic = nats.string("cluster_traffic");
      b.description = nats.string("description");
      b.infoUrl = nats.string("info_url");
    }
    if (v1) {
      // v1 kept tags at the top level.
      data.tags = new ArrayList<>(payload.strings("tags"));
    } else if (nats != null) {
      data.tags = new ArrayList<>(nats.strings("tags"));
    }
    data.version = version;
    return b.build();
  }

  private static void readMappings(
      JsonIn o, Map<String, List<WeightedMapping>> into, Set<String> nulls) {
    for (Map.Entry<String, Object> e : o.asMap().entrySet()) {
      Object v = e.getValue();
      List<WeightedMapping> list = new ArrayList<>();
      if (v instanceof List) {
        List<?> raw = (List<?>) v;
        for (int i = 0; i < raw.size(); i++) {
          Object m = raw.get(i);
          if (m instanceof JsonIn) {
            list.add(WeightedMapping.read((JsonIn) m));
          } else if (m == JsonIn.NULL) {
            list.add(WeightedMapping.of(""));
          } else {
            throw o.mismatch(e.getKey() + "[" + i + "]", "a weighted mapping object", m);
          }
        }
      } else if (v != JsonIn.NULL) {
        throw o.mismatch(e.getKey(), "an array of weighted mappings", v);
      }
      into.put(e.getKey(), list);
      if (v == JsonIn.NULL) {
        nulls.add(e.getKey());
      }
    }
  }

  // ------------------------------------------------------------------ validation

  @Override
  void validate(ValidationResult.Collector c, long now) {
    validateTimes(c, now);
    validateImports(c);
    validateExports(c);
    validateLimits(c);
    defaultPermissions.validate(c);
    validateMappings(c);
    boolean laterFields = c.rules().validatesLaterFields();
    if (laterFields) {
      authorization.validate(c);
      validateTrace(c);
    }
    if (!limits.isEmpty() && limits.imports() >= 0 && rawImports.size() > limits.imports()) {
      c.error("the account contains more imports than allowed by the operator");
    }
    // The reference checks the import limit twice; both checks can report.
    if (limits.imports() != OperatorLimits.NO_LIMIT && rawImports.size() > limits.imports()) {
      c.error("the account contains more imports than allowed by the operator");
    }
    if (limits.exports() != OperatorLimits.NO_LIMIT) {
      if (rawExports.size() > limits.exports()) {
        c.error("the account contains more exports than allowed by the operator");
      }
      if (!limits.wildcardExports()) {
        for (Export e : exports) {
          if (Subjects.hasWildcards(e.subject())) {
            c.error("the account contains wildcard exports that are not allowed by the operator");
          }
        }
      }
    }
    signingKeys.validate(c);
    InfoRules.validate(c, description, infoUrl);
    if (laterFields && !clusterTraffic.isEmpty() && !ClusterTraffic.of(clusterTraffic).isKnown()) {
      c.error("unknown cluster traffic option: " + GoText.quote(clusterTraffic));
    }
    if (isKey(issuer(), NKeyType.ACCOUNT) && !limits.isEmpty()) {
      c.warning("self-signed account JWTs shouldn't contain operator limits");
    }
  }

  /**
   * Imports.Validate: null entries, overlapping service imports, each import. The current rules
   * compare a service import's local subject with those of earlier service imports from the same
   * exporting account; jwt 2.3.0 compares it with all earlier service imports, and reports an exact
   * duplicate a second time naming the deprecated {@code to} field (usually empty).
   */
  private void validateImports(ValidationResult.Collector c) {
    boolean perExporter = c.rules().overlapPerExporter();
    Map<String, Set<String>> localByAccount = new HashMap<>();
    for (Import i : rawImports) {
      if (i == null) {
        c.error("null import is not allowed");
        continue;
      }
      if (i.isService()) {
        String local = i.effectiveLocalSubject();
        String group = perExporter ? i.account() : "";
        String where = perExporter ? " in same account " + GoText.quoteKey(i.account()) : "";
        Set<String> seen = localByAccount.computeIfAbsent(group, k -> new LinkedHashSet<>());
        for (String other : seen) {
          if (Subjects.isContainedIn(local, other) || Subjects.isContainedIn(other, local)) {
            c.error(
                "overlapping subject namespace for "
                    + GoText.quote(local)
                    + " and "
                    + GoText.quote(other)
                    + where);
          }
        }
        if (seen.contains(local)) {
          c.error(
              perExporter
                  ? "overlapping subject namespace for "
                      + GoText.quote(local)
                      + " in account "
                      + GoText.quote(i.account())
                  : "overlapping subject namespace for " + GoText.quote(i.to()));
        }
        seen.add(local);
      }
      i.validate(subject(), c);
    }
  }

  /** Exports.Validate: null entries, each export, then overlaps among services and streams. */
  private void validateExports(ValidationResult.Collector c) {
    List<String> services = new ArrayList<>();
    List<String> streams = new ArrayList<>();
    for (Export e : rawExports) {
      if (e == null) {
        c.error("null export is not allowed");
        continue;
      }
      (e.isService() ? services : streams).add(e.subject());
      e.validate(c);
    }
    reportContained(c, "service", services);
    reportContained(c, "stream", streams);
  }

  /** One issue per export subject that contains another export subject of the same kind. */
  private static void reportContained(
      ValidationResult.Collector c, String kind, List<String> subjects) {
    Map<String, String> firstContained = new LinkedHashMap<>();
    for (int i = 0; i < subjects.size(); i++) {
      for (int j = 0; j < subjects.size(); j++) {
        if (i != j && Subjects.isContainedIn(subjects.get(i), subjects.get(j))) {
          firstContained.putIfAbsent(subjects.get(j), subjects.get(i));
        }
      }
    }
    for (Map.Entry<String, String> e : firstContained.entrySet()) {
      c.error(
          kind
              + " export subject "
              + GoText.quote(e.getKey())
              + " already exports "
              + GoText.quote(e.getValue()));
    }
  }

  private void validateLimits(ValidationResult.Collector c) {
    if (!limits.tieredLimits().isEmpty()) {
      if (!limits.jetStream().isEmpty()) {
        c.error("JetStream Limits and tiered JetStream Limits are mutually exclusive");
      }
      if (limits.tieredLimits().containsKey("")) {
        c.error("Tiered JetStream Limits can not contain a blank \"\" tier name");
      }
    }
  }

  /**
   * Mapping.Validate: the source and destination subjects, then the weights. The current rules
   * check each weight and the per-cluster and cluster-less sums in 32 bits; jwt 2.3.0 rejects
   * wildcard destinations and sums all weights of a source in an unsigned byte, which wraps at 256.
   */
  private void validateMappings(ValidationResult.Collector c) {
    boolean wide = c.rules().checksMappingWeightsWide();
    for (Map.Entry<String, List<WeightedMapping>> e : mappings.entrySet()) {
      String from = e.getKey();
      Subjects.validate(c, from);
      Map<String, Long> perCluster = new HashMap<>();
      long total = 0;
      for (WeightedMapping m : e.getValue()) {
        Subjects.validate(c, m.subject());
        if (!c.rules().allowsMappingDestinationWildcards() && Subjects.hasWildcards(m.subject())) {
          c.error(
              "Subject "
                  + GoText.quote(m.subject())
                  + " in weighted mapping "
                  + GoText.quote(from)
                  + " is not allowed to contains wildcard");
        }
        if (!wide) {
          total = (total + m.effectiveWeight()) & 0xFF;
          continue;
        }
        if (m.effectiveWeight() > 100) {
          c.error(
              "Mapping "
                  + GoText.quote(from)
                  + " has a weight "
                  + m.effectiveWeight()
                  + " that exceeds 100");
        }
        if (!m.cluster().isEmpty()) {
          long sum = perCluster.merge(m.cluster(), (long) m.weight(), Long::sum);
          if (sum > 100) {
            c.error(
                "Mapping "
                    + GoText.quote(from)
                    + " in cluster "
                    + GoText.quote(m.cluster())
                    + " exceeds 100% among all of it's weighted to mappings");
          }
        } else {
          total += m.effectiveWeight();
        }
      }
      if (total > 100) {
        c.error(
            "Mapping "
                + GoText.quote(from)
                + " exceeds 100% among all of it's weighted to mappings");
      }
    }
  }

  private void validateTrace(ValidationResult.Collector c) {
    if (trace == null) {
      return;
    }
    ValidationResult.Collector dest = new ValidationResult.Collector(c.rules());
    Subjects.validate(dest, trace.destination());
    if (!dest.isEmpty()) {
      c.error("the account Trace.Destination " + dest.issues().get(0).description());
    }
    if (Subjects.hasWildcards(trace.destination())) {
      c.error(
          "the account Trace.Destination subject "
              + GoText.quote(trace.destination())
              + " is not a valid publish subject");
    }
    // A sampling of 0 means 100; the reference stores that here, this library leaves the claim
    // as it is (see MsgTrace#effectiveSampling).
    if (trace.sampling() < 0 || trace.sampling() > 100) {
      c.error(
          "the account Trace.Sampling value '"
              + trace.sampling()
              + "' is not valid, should be in the range [1..100]");
    }
  }

  // ------------------------------------------------------------------ builder

  /**
   * Builds {@link AccountClaims}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder extends Claims.Builder<Builder, AccountClaims> {
    private final List<@Nullable Import> imports = new ArrayList<>();
    private final List<@Nullable Export> exports = new ArrayList<>();
    private OperatorLimits limits = OperatorLimits.UNLIMITED;
    private SigningKeys.Builder signingKeys = SigningKeys.EMPTY.toBuilder();
    private RevocationList.Builder revocations = RevocationList.EMPTY.toBuilder();
    private Permissions defaultPermissions = Permissions.EMPTY;
    private final Map<String, List<WeightedMapping>> mappings = new LinkedHashMap<>();
    private final Set<String> nullMappings = new HashSet<>();
    private ExternalAuthorization authorization = ExternalAuthorization.NONE;
    private boolean writeAuthorization;
    private @Nullable MsgTrace trace;
    private String clusterTraffic = "";
    private String description = "";
    private String infoUrl = "";

    Builder(ClaimsData data, boolean newAccount) {
      super(data);
      this.writeAuthorization = newAccount;
    }

    /**
     * Adds imports at the end.
     *
     * @param imports the imports
     * @return this builder
     */
    public Builder addImports(Import... imports) {
      for (Import i : imports) {
        this.imports.add(Objects.requireNonNull(i, "import"));
      }
      return this;
    }

    /**
     * Replaces all imports.
     *
     * @param imports the imports
     * @return this builder
     */
    public Builder imports(Collection<Import> imports) {
      this.imports.clear();
      return addImports(imports.toArray(new Import[0]));
    }

    /**
     * Adds exports at the end.
     *
     * @param exports the exports
     * @return this builder
     */
    public Builder addExports(Export... exports) {
      for (Export e : exports) {
        this.exports.add(Objects.requireNonNull(e, "export"));
      }
      return this;
    }

    /**
     * Replaces all exports.
     *
     * @param exports the exports
     * @return this builder
     */
    public Builder exports(Collection<Export> exports) {
      this.exports.clear();
      return addExports(exports.toArray(new Export[0]));
    }

    /**
     * Sets the limits the operator grants.
     *
     * @param limits the limits, for example {@link OperatorLimits#UNLIMITED}
     * @return this builder
     */
    public Builder limits(OperatorLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Replaces the signing keys.
     *
     * @param signingKeys the signing keys
     * @return this builder
     */
    public Builder signingKeys(SigningKeys signingKeys) {
      this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys").toBuilder();
      return this;
    }

    /**
     * Adds plain signing keys; a key that was scoped becomes plain, as in the reference.
     *
     * @param keys account public keys
     * @return this builder
     */
    public Builder addSigningKeys(String... keys) {
      signingKeys.add(keys);
      return this;
    }

    /**
     * Adds a scoped signing key, replacing any earlier entry of its key.
     *
     * @param scope the scope
     * @return this builder
     */
    public Builder addScopedSigningKey(UserScope scope) {
      signingKeys.addScoped(scope);
      return this;
    }

    /**
     * Removes signing keys, plain or scoped.
     *
     * @param keys the keys to remove
     * @return this builder
     */
    public Builder removeSigningKeys(String... keys) {
      signingKeys.remove(keys);
      return this;
    }

    /**
     * Replaces the revoked users.
     *
     * @param revocations the revocations
     * @return this builder
     */
    public Builder revocations(RevocationList revocations) {
      this.revocations = Objects.requireNonNull(revocations, "revocations").toBuilder();
      return this;
    }

    /**
     * Revokes a user's JWTs issued up to now. A later existing revocation is kept.
     *
     * @param userKey the user's public key, or {@value RevocationList#ALL} for every user
     * @param clock the time source
     * @return this builder
     */
    public Builder revoke(String userKey, Clock clock) {
      return revokeAt(userKey, clock.instant());
    }

    /**
     * Revokes a user's JWTs issued at or before a time. A later existing revocation is kept.
     *
     * @param userKey the user's public key, or {@value RevocationList#ALL} for every user
     * @param at the revocation time (whole seconds)
     * @return this builder
     */
    public Builder revokeAt(String userKey, Instant at) {
      revocations.revoke(userKey, Objects.requireNonNull(at, "at"));
      return this;
    }

    /**
     * Removes a user's revocation, if any.
     *
     * @param userKey the user's public key
     * @return this builder
     */
    public Builder clearRevocation(String userKey) {
      revocations.clear(userKey);
      return this;
    }

    /**
     * Sets the permissions of users that have none of their own.
     *
     * @param permissions the permissions
     * @return this builder
     */
    public Builder defaultPermissions(Permissions permissions) {
      this.defaultPermissions = Objects.requireNonNull(permissions, "permissions");
      return this;
    }

    /**
     * Sets (or replaces) the mapping of a source subject.
     *
     * @param from the source subject
     * @param to the weighted destinations
     * @return this builder
     */
    public Builder mapping(String from, List<WeightedMapping> to) {
      mappings.put(Objects.requireNonNull(from, "from"), List.copyOf(to));
      nullMappings.remove(from);
      return this;
    }

    /**
     * Sets (or replaces) the mapping of a source subject.
     *
     * @param from the source subject
     * @param to the weighted destinations
     * @return this builder
     */
    public Builder mapping(String from, WeightedMapping... to) {
      return mapping(from, List.of(to));
    }

    /**
     * Removes the mapping of a source subject.
     *
     * @param from the source subject
     * @return this builder
     */
    public Builder removeMapping(String from) {
      mappings.remove(from);
      nullMappings.remove(from);
      return this;
    }

    /**
     * Sets the auth-callout configuration.
     *
     * @param authorization the configuration; {@link ExternalAuthorization#NONE} disables it
     * @return this builder
     */
    public Builder authorization(ExternalAuthorization authorization) {
      this.authorization = Objects.requireNonNull(authorization, "authorization");
      this.writeAuthorization = true;
      return this;
    }

    /**
     * Sets where message traces go.
     *
     * @param trace the configuration, or {@code null} for none
     * @return this builder
     */
    public Builder trace(@Nullable MsgTrace trace) {
      this.trace = trace;
      return this;
    }

    /**
     * Sets which account pays for cluster traffic.
     *
     * @param clusterTraffic the option, or {@code null} to unset it
     * @return this builder
     */
    public Builder clusterTraffic(@Nullable ClusterTraffic clusterTraffic) {
      this.clusterTraffic = clusterTraffic == null ? "" : clusterTraffic.value();
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description the text, at most 8192 UTF-8 bytes; {@code ""} clears it
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Sets the URL of more information.
     *
     * @param infoUrl an absolute URL; {@code ""} clears it
     * @return this builder
     */
    public Builder infoUrl(String infoUrl) {
      this.infoUrl = Objects.requireNonNull(infoUrl, "infoUrl");
      return this;
    }

    @Override
    public AccountClaims build() {
      return new AccountClaims(data, this);
    }
  }
}
