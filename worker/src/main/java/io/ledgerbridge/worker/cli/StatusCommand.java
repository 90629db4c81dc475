package io.ledgerbridge.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code ledgerbridge status}: what is in sync, per company and object, and the real-time notifications. */
final class StatusCommand {
  private final Session session;

  StatusCommand(Session session) {
    this.session = session;
  }

  int show(Arguments arguments) {
    Optional<String> company = arguments.value(Option.COMPANY).map(String::trim).filter(value -> !value.isEmpty());
    String query = company.map(id -> "?companyId=" + URLEncoder.encode(id, StandardCharsets.UTF_8)).orElse("");
    JsonNode status = session.api().get("/api/status" + query);
    session.print(status, StatusViews.summary(status, company));
    return 0;
  }
}
