package io.github.natsjwt.trust;

import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.Import;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An import that the exporting account authorizes, as nats-server decides it (spec trust-chain.md
 * section 6): the export it matched and, for exports that require one, the verified activation
 * token.
 *
 * <p>Immutable and thread-safe. Only {@link TrustVerifier} creates these.
 */
public final class VerifiedImport {
  private final VerifiedAccount importer;
  private final VerifiedAccount exporter;
  private final Import importClaim;
  private final Export export;
  private final @Nullable ActivationClaims activation;

  VerifiedImport(
      VerifiedAccount importer,
      VerifiedAccount exporter,
      Import importClaim,
      Export export,
      @Nullable ActivationClaims activation) {
    this.importer = importer;
    this.exporter = exporter;
    this.importClaim = importClaim;
    this.export = export;
    this.activation = activation;
  }

  /**
   * Returns the importing account.
   *
   * @return the account whose JWT holds the import
   */
  public VerifiedAccount importer() {
    return importer;
  }

  /**
   * Returns the exporting account.
   *
   * @return the account named by the import's {@code account}
   */
  public VerifiedAccount exporter() {
    return exporter;
  }

  /**
   * Returns the import.
   *
   * @return the import, as in the importer's JWT
   */
  public Import importClaim() {
    return importClaim;
  }

  /**
   * Returns the export that authorizes the import.
   *
   * @return the exporter's export whose subject equals or contains the import's
   */
  public Export export() {
    return export;
  }

  /**
   * Returns the activation token's claims, for an export that requires a token.
   *
   * @return the verified activation, or empty for public and account-token-position exports
   */
  public Optional<ActivationClaims> activation() {
    return Optional.ofNullable(activation);
  }

  /**
   * Returns when the import stops working because its activation expires.
   *
   * @return the activation's expiry, or empty when it has none or none is needed
   */
  public Optional<Instant> expiresAt() {
    return activation == null ? Optional.empty() : activation.expiresAt();
  }

  /**
   * Describes the import.
   *
   * @return the accounts, type and subjects
   */
  @Override
  public String toString() {
    return "VerifiedImport["
        + importClaim.type().value()
        + " "
        + importClaim.subject()
        + " from "
        + exporter.publicKey()
        + " into "
        + importer.publicKey()
        + " via export "
        + export.subject()
        + (activation != null ? " with activation" : "")
        + "]";
  }
}
