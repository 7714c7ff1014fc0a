package io.github.natsjwt.callout;

/**
 * Decides whether a client may connect, and as which user.
 *
 * <p>Implementations must be thread-safe: the service calls them concurrently, one call per
 * request, on its executor. A call that throws, or that runs past the service's deadline, becomes a
 * denial; the client is told at once rather than after the server's timeout.
 *
 * <pre>{@code
 * Authorizer authorizer = request -> {
 *   String user = request.connectOptions().user();
 *   if (!passwords.matches(user, request.connectOptions().pass())) {
 *     return AuthorizationDecision.deny("bad user or password");
 *   }
 *   return AuthorizationDecision.allow(request.newUser().name(user).pub(Permission.allowing("orders.>")));
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Authorizer {
  /**
   * Decides on one verified request.
   *
   * @param request the request, already decrypted, decoded and its signature verified
   * @return allow (with the user to mint) or deny (with a reason the server logs)
   * @throws Exception when no decision can be made; the client is denied
   */
  AuthorizationDecision authorize(CalloutRequest request) throws Exception;
}
