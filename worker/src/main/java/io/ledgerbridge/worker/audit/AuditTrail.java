package io.ledgerbridge.worker.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What an {@link Audited} controller method tells the audit trail about the change it made: its
 * target and a short summary. {@link AuditRecorder} adds who asked, when, from where and how it
 * ended, once the answer is known.
 */
@Component
public class AuditTrail {
  private static final String DESCRIPTION_ATTRIBUTE = AuditTrail.class.getName() + ".description";

  private final ObjectMapper json;

  public AuditTrail(ObjectMapper json) {
    this.json = json;
  }

  /** The change's target and what was done, for the request being answered. */
  record Description(String targetId, JsonNode details) {}

  /**
   * Describes the change the current request made.
   *
   * @param targetId what it acted on, e.g. a job's id; the action names the kind
   * @param details a map or record of typed values chosen to be shown (a job change: the job fields
   *     it set), written out as a JSON object with absent (null) ones left out; never a raw request,
   *     so no secret can reach the trail
   */
  public void describe(String targetId, Object details) {
    ObjectNode summary = json.valueToTree(details);
    summary.properties().removeIf(field -> field.getValue().isNull());
    RequestContextHolder.currentRequestAttributes().setAttribute(
        DESCRIPTION_ATTRIBUTE, new Description(targetId, summary), RequestAttributes.SCOPE_REQUEST);
  }

  /** What the request's controller method described; null when it described nothing (it was refused). */
  static Description described(HttpServletRequest request) {
    return (Description) request.getAttribute(DESCRIPTION_ATTRIBUTE);
  }
}
