package io.ledgerbridge.worker.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who a request acts for, as its authentication established it: the kind of credential and the
 * name it goes by. The audit trail records it with every change.
 */
@Schema(description = "Who acted: the kind of credential and its name")
public record Actor(ActorKind kind, String name) {
  /** Everyone who holds the bootstrap admin token is this one actor: the token names no person. */
  public static final Actor BOOTSTRAP_ADMIN = new Actor(ActorKind.BOOTSTRAP_TOKEN, "admin");
  /** Whoever scrapes /actuator with LEDGERBRIDGE_METRICS_TOKEN. */
  public static final Actor METRICS_SCRAPER = new Actor(ActorKind.METRICS_TOKEN, "metrics");

  private static final String REQUEST_ATTRIBUTE = Actor.class.getName();

  /** How people read it, e.g. "admin (bootstrap token)". */
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  @Schema(example = "admin (bootstrap token)")
  public String label() {
    return name + " (" + kind.description() + ")";
  }

  /** Marks the request as acting for this actor, once its credential has been checked. */
  public void actsFor(HttpServletRequest request) {
    request.setAttribute(REQUEST_ATTRIBUTE, this);
  }

  /** Who the request acts for; empty when nothing authenticated it. */
  public static Optional<Actor> of(HttpServletRequest request) {
    return Optional.ofNullable((Actor) request.getAttribute(REQUEST_ATTRIBUTE));
  }
}
