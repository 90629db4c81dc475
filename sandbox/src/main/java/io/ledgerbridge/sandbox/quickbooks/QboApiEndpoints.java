package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.Router;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Accounting API under {@code /v3/company/{realmId}} (reference §1, §2): read, create, update, delete,
 * void, query, CDC and batch. {@code minorversion} is accepted and ignored: the sandbox serves one schema,
 * like QBO since all versions below 75 were retired. Responses are JSON whatever the Accept header says.
 */
final class QboApiEndpoints {
  private static final Logger log = LoggerFactory.getLogger(QboApiEndpoints.class);
  private static final String COMPANY = "/v3/company/{realmId}";
  /** Items per batch: 30 per the limits page; what QBO answers for more is UNCONFIRMED (reference §1.8). */
  static final int MAX_BATCH_ITEMS = 30;
  private static final Set<String> BATCH_ITEM_ATTRIBUTES = Set.of("bId", "operation", "optionsData");

  private final QboCompanies companies;
  private final QboTime time;

  QboApiEndpoints(QboCompanies companies, QboTime time) {
    this.companies = companies;
    this.time = time;
  }

  void register(Router router) {
    router.add("GET", COMPANY + "/query", request -> answer(request, () -> queryEnvelope(request, request.query("query"))));
    router.add("POST", COMPANY + "/query", request -> answer(request, () -> queryEnvelope(request, request.bodyText())));
    router.add("GET", COMPANY + "/cdc", request -> answer(request, () -> cdcEnvelope(request)));
    router.add("POST", COMPANY + "/batch", request -> answer(request, () -> batch(request)));
    router.add("GET", COMPANY + "/preferences", request -> answer(request, () -> preferences(request)));
    router.add("GET", COMPANY + "/{resource}/{id}", request -> answer(request, () -> read(request)));
    router.add("POST", COMPANY + "/{resource}", request -> answer(request, () -> write(request)));
  }

  static Response faultResponse(QboFault fault, QboTime time) {
    ObjectNode body = Json.object();
    body.set("Fault", fault.faultNode());
    body.put("time", time.envelopeNow());
    return Response.json(fault.httpStatus(), body);
  }

  private Response answer(Request request, Supplier<ObjectNode> work) {
    try {
      ObjectNode envelope = work.get();
      envelope.put("time", time.envelopeNow());
      return Response.json(200, envelope);
    } catch (QboFault fault) {
      log.debug("QBO fault {} for {} {}", fault.code(), request.method(), request.path());
      return faultResponse(fault, time);
    }
  }

  private ObjectNode queryEnvelope(Request request, String text) {
    ObjectNode envelope = Json.object();
    envelope.set("QueryResponse", query(company(request), text));
    return envelope;
  }

  private static ObjectNode query(QboCompany company, String text) {
    if (text == null || text.isBlank()) {
      throw QboFault.queryParser("Encountered \"<EOF>\" at line 1, column 1.\nWas expecting: \"SELECT\"");
    }
    return QboQueryExecutor.execute(company, QboQuery.parse(text.trim()));
  }

  private ObjectNode cdcEnvelope(Request request) {
    ObjectNode envelope = Json.object();
    envelope.set("CDCResponse", QboChangeDataCapture.changes(company(request), request.query("entities"),
        request.query("changedSince")));
    return envelope;
  }

  private ObjectNode read(Request request) {
    QboCompany company = company(request);
    EntityTable table = table(company, request.pathVariable("resource"));
    String id = request.pathVariable("id");
    // CompanyInfo is read at /companyinfo/{realmId}; the sandbox keeps it as the row with Id 1.
    if (table.kind() instanceof CompanyInfoKind && id.equals(company.realmId())) {
      id = Long.toString(CompanyInfoKind.ID);
    }
    ObjectNode envelope = Json.object();
    envelope.set(table.kind().name(), company.read(table, id));
    return envelope;
  }

  /** {@code GET /preferences}: the company's one Preferences row. */
  private ObjectNode preferences(Request request) {
    QboCompany company = company(request);
    ObjectNode envelope = Json.object();
    envelope.set("Preferences", company.read(company.table("Preferences"), Long.toString(PreferencesKind.ID)));
    return envelope;
  }

  /** POST to a resource: create without Id, update with Id, or {@code ?operation=delete|void|update}. */
  private ObjectNode write(Request request) {
    QboCompany company = company(request);
    EntityTable table = table(company, request.pathVariable("resource"));
    ObjectNode envelope = Json.object();
    String operation = request.query("operation");
    // Voiding a payment is documented as ?operation=update&include=void, and Intuit's Java SDK voids any
    // transaction with include=void and no operation; both mean void.
    String include = request.query("include");
    if (include != null && (operation == null || operation.equalsIgnoreCase("update"))
        && java.util.Arrays.stream(include.split(",")).anyMatch(option -> option.trim().equalsIgnoreCase("void"))) {
      operation = "void";
    }
    envelope.set(table.kind().name(), write(company, table, operation, entityBody(request)));
    return envelope;
  }

  private static ObjectNode write(QboCompany company, EntityTable table, String operation, ObjectNode body) {
    String mode = operation == null ? "" : operation.toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "delete" -> company.delete(table, body);
      case "void" -> company.voidTransaction(table, body);
      case "update" -> company.update(table, body);
      case "create" -> company.create(table, body);
      case "" -> body.hasNonNull("Id") ? company.update(table, body) : company.create(table, body);
      default -> throw QboFault.unsupportedOperation("Operation " + operation + " is not supported.");
    };
  }

  /**
   * {@code BatchItemRequest} (reference §1.8): each item runs on its own and answers with its entity, a
   * QueryResponse, a CDCResponse or a Fault, under its bId; HTTP 200 even when items fail. Items run in
   * the order sent (QBO does not promise an order).
   */
  private ObjectNode batch(Request request) {
    QboCompany company = company(request);
    JsonNode items = entityBody(request).get("BatchItemRequest");
    if (items == null || !items.isArray()) {
      throw QboFault.requiredParameter("BatchItemRequest");
    }
    if (items.size() > MAX_BATCH_ITEMS) {
      throw QboFault.businessValidation("A batch request can hold at most " + MAX_BATCH_ITEMS + " items; this one has "
          + items.size() + ".");
    }
    ArrayNode responses = Json.array();
    for (JsonNode item : items) {
      ObjectNode response = responses.addObject();
      response.put("bId", item.path("bId").asText());
      try {
        batchItem(company, item, response);
      } catch (QboFault fault) {
        response.set("Fault", fault.faultNode());
      }
    }
    ObjectNode envelope = Json.object();
    envelope.set("BatchItemResponse", responses);
    return envelope;
  }

  private static void batchItem(QboCompany company, JsonNode item, ObjectNode response) {
    if (item.has("Query")) {
      response.set("QueryResponse", query(company, item.get("Query").asText()));
      return;
    }
    if (item.has("CDCQuery")) {
      JsonNode cdc = item.get("CDCQuery");
      // A batch item holds one CDCResponse (XSD BatchItemResponse: a choice of single elements), an object where
      // the /cdc envelope has an array of them; Intuit's Java SDK reads it so.
      response.set("CDCResponse", QboChangeDataCapture.changes(company, cdc.path("Entities").asText(null),
          cdc.path("ChangedSince").asText(null)).get(0));
      return;
    }
    String entityName = null;
    for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!BATCH_ITEM_ATTRIBUTES.contains(name)) {
        entityName = name;
      }
    }
    if (entityName == null || !(item.get(entityName) instanceof ObjectNode body)) {
      throw QboFault.requiredParameter("entity");
    }
    EntityTable table = company.table(entityName);
    if (table == null || !table.kind().name().equals(entityName)) {
      throw QboFault.unsupportedOperation("Unsupported entity '" + entityName + "'; the sandbox does not simulate it.");
    }
    String operation = item.path("operation").asText("create");
    // A void in a batch is an update whose optionsData says void (reference §1.8).
    if ("void".equalsIgnoreCase(item.path("optionsData").asText())) {
      operation = "void";
    }
    response.set(table.kind().name(), write(company, table, operation, body.deepCopy()));
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
