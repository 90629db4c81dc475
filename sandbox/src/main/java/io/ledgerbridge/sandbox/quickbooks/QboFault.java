package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;

/**
 * A QBO API fault (reference §4): the {@code Fault} envelope with one error, and the HTTP status it comes
 * with. Messages and details are Intuit's wording where the reference quotes it.
 */
final class QboFault extends RuntimeException {
  static final String VALIDATION = "ValidationFault";
  static final String SYSTEM = "SystemFault";
  static final String AUTHENTICATION = "AuthenticationFault";
  static final String SERVICE = "SERVICE";

  private final int httpStatus;
  private final String type;
  private final String code;
  private final String errorMessage;
  private final String detail;
  private final String element;

  QboFault(int httpStatus, String type, String code, String errorMessage, String detail, String element) {
    super(code + " " + errorMessage + ": " + detail, null, false, false);
    this.httpStatus = httpStatus;
    this.type = type;
    this.code = code;
    this.errorMessage = errorMessage;
    this.detail = detail;
    this.element = element;
  }

  static QboFault duplicateName() {
    return new QboFault(400, VALIDATION, "6240", "Duplicate Name Exists Error",
        "The name supplied already exists. : Another customer, vendor or employee is already using this name. "
            + "Please use a different name.", "");
  }

  /** Accounts have a list of names of their own, so the wording names accounts. */
  static QboFault duplicateAccountName() {
    return new QboFault(400, VALIDATION, "6240", "Duplicate Name Exists Error",
        "The name supplied already exists. : Another account is already using this name. Please use a different name.",
        "");
  }

  /**
   * A reference to an account of the wrong type (an item's IncomeAccountRef naming a bank account): Intuit's
   * "Invalid account type" wording, seen on transactions; that items get the same is UNCONFIRMED.
   */
  static QboFault invalidAccountType(String element, String expected) {
    return new QboFault(400, VALIDATION, "6000", "A business validation error has occurred while processing your request",
        "Business Validation Error: Invalid account type: You need to select a different type of account for this "
            + "transaction. " + element + " must be " + expected + ".", element);
  }

  static QboFault staleObject() {
    return new QboFault(400, VALIDATION, "5010", "Stale Object Error",
        "Stale Object Error : You and root were working on this at the same time. root finished before you did, "
            + "so your work was not saved.", "");
  }

  /** Read/update of an unknown id; the 400 + 610 for a GET is UNCONFIRMED in the reference. */
  static QboFault objectNotFound(String entity, String id) {
    return new QboFault(400, VALIDATION, "610", "Object Not Found",
        "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, "
            + "customers, items, vendors or employees.", "");
  }

  /** A reference (CustomerRef, ItemRef, LinkedTxn) to something that does not exist. */
  static QboFault invalidReference(String element, String id) {
    return new QboFault(400, VALIDATION, "2500", "Invalid Reference Id",
        "Invalid Reference Id : " + element + " assigned is invalid: " + id, element);
  }

  static QboFault requiredParameter(String parameter) {
    return new QboFault(400, VALIDATION, "2020", "Required param missing, need to supply the required value for the API",
        "Required parameter " + parameter + " is missing in the request", parameter);
  }

  /** Code and wording are UNCONFIRMED (not in the reference); this is the form seen in client logs. */
  static QboFault stringLength(String element, int max, int supplied) {
    return new QboFault(400, VALIDATION, "2050", "String length is either shorter or longer than supported by specification",
        "String length specified does not match the supported length. Min:0 Max:" + max + " supplied:" + supplied,
        element);
  }

  /** Malformed request content, e.g. a body that is not JSON or a field of the wrong type. */
  static QboFault invalidRequest(String detail) {
    return new QboFault(400, VALIDATION, "2010", "Request has invalid or unsupported property",
        "Property Name:" + detail, "");
  }

  static QboFault businessValidation(String detail) {
    return new QboFault(400, VALIDATION, "6000", "A business validation error has occurred while processing your request",
        "Business Validation Error: " + detail, "");
  }

  /** QBO's wording for operations an entity does not support, e.g. deleting a Customer. */
  static QboFault unsupportedOperation(String detail) {
    return new QboFault(400, VALIDATION, "500", "Unsupported Operation", detail, "");
  }

  static QboFault queryParser(String detail) {
    return new QboFault(400, VALIDATION, "4000", "Error parsing query", "QueryParserError: " + detail, "");
  }

  /** A syntactically valid query about something that cannot be queried; wording UNCONFIRMED. */
  static QboFault queryValidation(String detail) {
    return new QboFault(400, VALIDATION, "4001", "Invalid query", "QueryValidationError: " + detail, "");
  }

  static QboFault systemFault() {
    return new QboFault(500, SYSTEM, "10000", "An application error has occurred while processing your request",
        "System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few "
            + "minutes and try again. If the problem persists, contact customer support.", "");
  }

  int httpStatus() {
    return httpStatus;
  }

  String code() {
    return code;
  }

  /** The {@code Fault} object, without the envelope (batch items embed it as is). */
  ObjectNode faultNode() {
    ObjectNode fault = Json.object();
    ArrayNode errors = fault.putArray("Error");
    ObjectNode error = errors.addObject();
    error.put("Message", errorMessage);
    error.put("Detail", detail);
    error.put("code", code);
    error.put("element", element);
    fault.put("type", type);
    return fault;
  }
}
