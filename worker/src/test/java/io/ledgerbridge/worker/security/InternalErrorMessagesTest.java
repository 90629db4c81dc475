package io.ledgerbridge.worker.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** The answers of Spring's error page, with messages included as application.yml asks. */
class InternalErrorMessagesTest {
  private final InternalErrorMessages errors = new InternalErrorMessages();

  private Map<String, Object> answer(int status, Exception exception) {
    return answer(status, exception, ErrorAttributeOptions.defaults().including(ErrorAttributeOptions.Include.MESSAGE));
  }

  private Map<String, Object> answer(int status, Exception exception, ErrorAttributeOptions options) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/jobs");
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
    request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, exception);
    return errors.getErrorAttributes(new ServletWebRequest(request), options);
  }

  @Test
  void aServerErrorNeverCarriesTheExceptionsText() {
    BadSqlGrammarException failure = new BadSqlGrammarException("select", "SELECT token FROM oauth_token WHERE realm_id = '9130'",
        new java.sql.SQLException("Table \"OAUTH_TOKEN\" not found"));

    Map<String, Object> answer = answer(500, failure);
    Map<String, Object> withoutStatus = answer(500, failure, ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE));

    assertThat(answer.get("message")).isEqualTo(InternalErrorMessages.INTERNAL_ERROR);
    assertThat(answer.toString()).doesNotContain("SELECT").doesNotContain("oauth_token");
    assertThat(withoutStatus.get("message")).isEqualTo(InternalErrorMessages.INTERNAL_ERROR);
  }

  @Test
  void aClientErrorKeepsItsMessage() {
    Map<String, Object> answer = answer(400, new IllegalArgumentException("minute: 61 is not between 0 and 59"));

    assertThat(answer.get("message")).isEqualTo("minute: 61 is not between 0 and 59");
  }
}
