package io.ledgerbridge.worker.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * What a person or API token may do; each role may do all the roles before it may. The bootstrap
 * admin token is an {@link #ADMIN}.
 */
public enum Role {
  /** Reads everything; changes nothing. */
  VIEWER,
  /** Also runs, pauses and resumes jobs, retries and dismisses errors, starts reconciliations. */
  OPERATOR,
  /** Also connections, jobs, settings, people and API tokens. */
  ADMIN;

  private static final String REQUEST_ATTRIBUTE = Role.class.getName();

  /** Whether this role may do what the given role may. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** Marks the request as made with this role, once its credential has been checked. */
  void grantedTo(HttpServletRequest request) {
    request.setAttribute(REQUEST_ATTRIBUTE, this);
  }

  /** The role the request's credential carries; empty when nothing authenticated it. */
  static Optional<Role> of(HttpServletRequest request) {
    return Optional.ofNullable((Role) request.getAttribute(REQUEST_ATTRIBUTE));
  }
}
