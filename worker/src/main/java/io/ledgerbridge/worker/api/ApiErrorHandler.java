package io.ledgerbridge.worker.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ledgerbridge.worker.jobs.DuplicateJobNameException;
import io.ledgerbridge.worker.jobs.JobConflictException;
import io.ledgerbridge.worker.jobs.JobNotFoundException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every API error as {@code {"status":400,"error":"bad_request","message":"..."}}, where the
 * message names the field at fault and how to fix it.
 */
@RestControllerAdvice
class ApiErrorHandler {

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    String valid = type != null && type.isEnum()
        ? "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "))
        : "a valid value";
    return error(HttpStatus.BAD_REQUEST, e.getName() + ": '" + e.getValue() + "' is not " + valid);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, describeUnreadable(e.getCause()));
  }

  @ExceptionHandler(JobConflictException.class)
  ResponseEntity<Map<String, Object>> conflictingState(JobConflictException e) {
    return error(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(JobNotFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(JobNotFoundException e) {
    return error(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(DuplicateJobNameException.class)
  ResponseEntity<Map<String, Object>> conflict(DuplicateJobNameException e) {
    return error(HttpStatus.CONFLICT, e.getMessage());
  }

  /** Spring's own errors (404 for unknown paths, 405, 415, ResponseStatusException) in our shape. */
  @ExceptionHandler({
    ErrorResponseException.class,
    NoResourceFoundException.class,
    HttpRequestMethodNotSupportedException.class,
    HttpMediaTypeNotSupportedException.class,
    MissingServletRequestParameterException.class
  })
  ResponseEntity<Map<String, Object>> spring(Exception e) {
    ErrorResponse response = (ErrorResponse) e;
    String detail = response.getBody().getDetail();
    return error(response.getStatusCode(), detail != null ? detail : response.getStatusCode().toString());
  }

  private static String describeUnreadable(Throwable cause) {
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return path(unknown) + ": unknown field; known fields are "
          + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }
    if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
        && invalid.getTargetType().isEnum()) {
      return path(invalid) + ": '" + invalid.getValue() + "' is not one of "
          + Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof IllegalArgumentException domain) {
      return path(mapping) + ": " + domain.getMessage();
    }
    if (cause instanceof MismatchedInputException mismatched) {
      return path(mismatched) + ": wrong type; " + mismatched.getOriginalMessage().split("\n")[0];
    }
    if (cause instanceof JsonParseException parse) {
      return "malformed JSON at line " + parse.getLocation().getLineNr() + ", column "
          + parse.getLocation().getColumnNr() + ": " + parse.getOriginalMessage();
    }
    return "the request body is missing or is not JSON; send Content-Type: application/json";
  }

  private static String path(JsonMappingException e) {
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
    return path.isEmpty() ? "body" : path;
  }

  private static ResponseEntity<Map<String, Object>> error(HttpStatusCode status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    HttpStatus known = HttpStatus.resolve(status.value());
    body.put("error", known == null ? "error" : known.name().toLowerCase());
    body.put("message", message);
    return ResponseEntity.status(status).body(body);
  }
}
