package io.ledgerbridge.worker.security;

import jakarta.servlet.RequestDispatcher;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * The error answers Spring writes itself (an exception no handler turned into an answer): a 4xx
 * keeps its message, which says what the caller got wrong, but a 5xx never carries the exception's
 * text, which can hold SQL, values or paths; that goes to the log only.
 */
@Component
public class InternalErrorMessages extends DefaultErrorAttributes {
  public static final String INTERNAL_ERROR = "LedgerBridge could not handle this request; its log has the details";

  @Override
  public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(request, options);
    // From the request, not the attributes: those hold the status only when the options include it.
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE, RequestAttributes.SCOPE_REQUEST);
    if (attributes.containsKey("message") && (!(status instanceof Integer code) || code >= 500)) {
      attributes.put("message", INTERNAL_ERROR);
    }
    return attributes;
  }
}
