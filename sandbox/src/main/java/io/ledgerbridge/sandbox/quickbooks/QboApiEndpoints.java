package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.Router;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Accounting API under {@code /v3/company/{realmId}} (reference §1): read, create, update, delete and
 * query. {@code minorversion} is accepted and ignored: the sandbox serves one schema, like QBO since all
 * versions below 75 were retired. Responses are JSON whatever the Accept header says.
 */
final class QboApiEndpoints {
  private static final Logger log = LoggerFactory.getLogger(QboApiEndpoints.class);
  private static final String COMPANY = "/v3/company/{realmId}";

  private final QboCompanies companies;
  private final QboTime time;

  QboApiEndpoints(QboCompanies companies, QboTime time) {
    this.companies = companies;
    this.time = time;
  }

  void register(Router router) {
    router.add("GET", COMPANY + "/query", request -> guarded(request, () -> query(request, request.query("query"))));
    router.add("POST", COMPANY + "/query", request -> guarded(request, () -> query(request, request.bodyText())));
    router.add("GET", COMPANY + "/{resource}/{id}", request -> guarded(request, () -> read(request)));
    router.add("POST", COMPANY + "/{resource}", request -> guarded(request, () -> write(request)));
  }

  static Response faultResponse(QboFault fault, QboTime time) {
    ObjectNode body = Json.object();
    body.set("Fault", fault.faultNode());
    body.put("time", time.envelopeNow());
    return Response.json(fault.httpStatus(), body);
  }

  private Response guarded(Request request, java.util.function.Supplier<ObjectNode> work) {
    try {
      ObjectNode envelope = work.get();
      envelope.put("time", time.envelopeNow());
      return Response.json(200, envelope);
    } catch (QboFault fault) {
      log.debug("QBO fault {} for {} {}", fault.code(), request.method(), request.path());
      return faultResponse(fault, time);
    }
  }

  private ObjectNode query(Request request, String text) {
    if (text == null || text.isBlank()) {
      throw QboFault.queryParser("Encountered \"<EOF>\" at line 1, column 1.\nWas expecting: \"SELECT\"");
    }
    QboCompany company = company(request);
    ObjectNode envelope = Json.object();
    envelope.set("QueryResponse", QboQueryExecutor.execute(company, QboQuery.parse(text.trim())));
    return envelope;
  }

  private ObjectNode read(Request request) {
    QboCompany company = company(request);
    EntityTable table = table(company, request.pathVariable("resource"));
    ObjectNode envelope = Json.object();
    envelope.set(table.kind().name(), company.read(table, request.pathVariable("id")));
    return envelope;
  }

  /** POST to a resource: create without Id, update with Id, or {@code ?operation=delete|void|update}. */
  private ObjectNode write(Request request) {
    QboCompany company = company(request);
    EntityTable table = table(company, request.pathVariable("resource"));
    ObjectNode body = entityBody(request);
    String operation = request.query("operation");
    String mode = operation == null ? "" : operation.toLowerCase(Locale.ROOT);
    ObjectNode result = switch (mode) {
      case "delete" -> company.delete(table, body);
      case "void" -> company.voidTransaction(table, body);
      case "update" -> company.update(table, body);
      case "", "create" -> body.hasNonNull("Id") && !mode.equals("create")
          ? company.update(table, body) : company.create(table, body);
      default -> throw QboFault.unsupportedOperation("Operation " + operation + " is not supported.");
    };
    ObjectNode envelope = Json.object();
    envelope.set(table.kind().name(), result);
    return envelope;
  }

  private static ObjectNode entityBody(Request request) {
    try {
      JsonNode body = Json.parse(request.body());
      if (!(body instanceof ObjectNode object)) {
        throw QboFault.invalidRequest("request body must be a JSON object");
      }
      return object;
    } catch (Json.MalformedJsonException e) {
      throw QboFault.invalidRequest("malformed JSON: " + e.getMessage());
    }
  }

  private QboCompany company(Request request) {
    QboCompany company = companies.get(request.pathVariable("realmId"));
    if (company == null) {
      // Tokens exist only for known realms, so this means the realm was reset away under a live token.
      throw new QboFault(403, "AuthorizationFault", "3100",
          "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", "", "");
    }
    return company;
  }

  private static EntityTable table(QboCompany company, String resource) {
    EntityTable table = company.table(resource);
    if (table == null || !table.kind().resource().equals(resource)) {
      throw QboFault.unsupportedOperation("Unsupported entity '" + resource + "'; the sandbox does not simulate it.");
    }
    return table;
  }
}
