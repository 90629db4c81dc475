package io.ledgerbridge.worker.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ledgerbridge.worker.access.RoleRefusedException;
import io.ledgerbridge.worker.jobs.DuplicateJobNameException;
import io.ledgerbridge.worker.jobs.JobConflictException;
import io.ledgerbridge.worker.jobs.JobNotFoundException;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every API error as an {@link ApiError}, {@code {"status":400,"error":"bad_request","message":"..."}},
 * where the message names the field at fault and how to fix it.
 */
@RestControllerAdvice
class ApiErrorHandler {

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ApiError> badRequest(IllegalArgumentException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    String valid = type != null ? expected(type) : "a valid value";
    return error(HttpStatus.BAD_REQUEST, e.getName() + ": '" + e.getValue() + "' is not " + valid);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, describeUnreadable(e.getCause()));
  }

  @ExceptionHandler(JobConflictException.class)
  ResponseEntity<ApiError> conflictingState(JobConflictException e) {
    return error(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(JobNotFoundException.class)
  ResponseEntity<ApiError> notFound(JobNotFoundException e) {
    return error(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(DuplicateJobNameException.class)
  ResponseEntity<ApiError> conflict(DuplicateJobNameException e) {
    return error(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(RoleRefusedException.class)
  ResponseEntity<ApiError> forbidden(RoleRefusedException e) {
    return error(HttpStatus.FORBIDDEN, e.getMessage());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noEndpoint(NoResourceFoundException e) {
    return error(HttpStatus.NOT_FOUND,
        "no endpoint " + e.getHttpMethod() + " /" + e.getResourcePath() + "; the README's API tables list them");
  }

  /** Spring's own errors (405, 415, ResponseStatusException) in our shape. */
  @ExceptionHandler({
    ErrorResponseException.class,
    HttpRequestMethodNotSupportedException.class,
    HttpMediaTypeNotSupportedException.class,
    MissingServletRequestParameterException.class
  })
  ResponseEntity<ApiError> spring(Exception e) {
    ErrorResponse response = (ErrorResponse) e;
    String detail = response.getBody().getDetail();
    return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
        .body(ApiError.of(response.getStatusCode().value(), detail != null ? detail : response.getStatusCode().toString()));
  }

  private static String describeUnreadable(Throwable cause) {
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return path(unknown) + ": unknown field; known fields are "
          + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }
    if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof IllegalArgumentException domain) {
      return path(mapping) + ": " + domain.getMessage();
    }
    if (cause instanceof MismatchedInputException mismatched && mismatched.getOriginalMessage().startsWith("Trailing token")) {
      return "body: there is more after the JSON value; send exactly one JSON object";
    }
    if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
      Class<?> type = invalid.getTargetType();
      return type.isEnum()
          ? path(invalid) + ": " + shown(invalid.getValue()) + " is not " + expected(type)
          : path(invalid) + ": expected " + expected(type) + ", not " + shown(invalid.getValue());
    }
    if (cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return path(mismatched) + ": expected " + expected(mismatched.getTargetType());
    }
    // A syntax error met while reading a field's value (bad UTF-8 inside a string) comes wrapped.
    Throwable syntax = cause instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonProcessingException
        ? mapping.getCause() : cause;
    if (syntax instanceof JsonProcessingException malformed && !(syntax instanceof JsonMappingException)) {
      JsonLocation at = malformed.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      return "malformed JSON" + where + ": " + malformed.getOriginalMessage();
    }
    return "body: missing or not JSON; send a JSON object with Content-Type: application/json";
  }

  /** What a field of this type takes, in JSON's words. */
  private static String expected(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "text";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number in range";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "an object with the fields in the README";
  }

  private static String shown(Object value) {
    return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
  }

  private static String path(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
    return path.isEmpty() ? "body" : path;
  }

  private static ResponseEntity<ApiError> error(HttpStatusCode status, String message) {
    return ResponseEntity.status(status).body(ApiError.of(status.value(), message));
  }
}
