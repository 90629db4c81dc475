package io.ledgerbridge.worker.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/**
 * The body of every API error, e.g. {@code {"status":400,"error":"bad_request","message":"..."}}: also of
 * those the servlet container answers itself (see JsonErrorReportValve); the token filter's 401 has the same
 * shape. The fields are described for the OpenAPI document.
 */
@Schema(description = "The body of every API error")
public record ApiError(
    @Schema(description = "The HTTP status, repeated for clients that only see the body", example = "400")
    int status,
    @Schema(description = "The status's name in lower case; error for a status HTTP does not name", example = "bad_request")
    String error,
    @Schema(description = "What is wrong, naming the field at fault and how to fix it",
        example = "schedule.hour: '25' is out of range; allowed values are 0-23")
    String message) {

  public static ApiError of(int status, String message) {
    HttpStatus known = HttpStatus.resolve(status);
    return new ApiError(status, known == null ? "error" : known.name().toLowerCase(), message);
  }
}
