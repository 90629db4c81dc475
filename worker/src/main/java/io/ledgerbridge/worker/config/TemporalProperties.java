package io.ledgerbridge.worker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which Temporal to use ({@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}). Without an
 * address the worker starts the embedded Temporal on {@code embeddedHost:embeddedPort}.
 */
@ConfigurationProperties("temporal")
public record TemporalProperties(
    String address,
    @DefaultValue("default") String namespace,
    @DefaultValue("127.0.0.1") String embeddedHost,
    @DefaultValue("7233") int embeddedPort) {

  /** Whether to start and use the in-process Temporal server. */
  public boolean embedded() {
    return address == null || address.isBlank();
  }
}
