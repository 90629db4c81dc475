package io.ledgerbridge.worker.temporal;

import io.ledgerbridge.worker.config.TemporalProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import java.nio.charset.StandardCharsets;

/** Links to a workflow run's page in Temporal's web UI, when {@link TemporalUiProperties} names one. */
@Component
public class TemporalUiLinks {
  private final String uiUrl;
  private final String namespace;

  public TemporalUiLinks(TemporalUiProperties ui, TemporalProperties temporal) {
    this.uiUrl = ui.uiUrl();
    this.namespace = temporal.namespace();
  }

  /**
   * The run's event history in the web UI, {@code {ui}/namespaces/{ns}/workflows/{workflowId}/{runId}/history};
   * null when no UI is configured or the run is not known by both ids.
   */
  public String run(String workflowId, String runId) {
    if (uiUrl == null || workflowId == null || workflowId.isEmpty() || runId == null || runId.isEmpty()) {
      return null;
    }
    return uiUrl + "/namespaces/" + segment(namespace) + "/workflows/" + segment(workflowId) + "/" + segment(runId)
        + "/history";
  }

  private static String segment(String value) {
    return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
  }
}
