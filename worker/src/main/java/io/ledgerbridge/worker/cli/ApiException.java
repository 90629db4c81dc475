package io.ledgerbridge.worker.cli;

/** The API answered with an error status; the message is the API's own. */
final class ApiException extends CliException {
  private final int status;

  ApiException(int status, String message) {
    super(FAILED, message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
