package io.ledgerbridge.worker.config;

import io.ledgerbridge.activities.mapping.MappingFileException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * An invalid mappings file stops the start with its file, line and reason, and what to do, in
 * Spring Boot's "APPLICATION FAILED TO START" report instead of a stack trace.
 */
class MappingFileFailureAnalyzer extends AbstractFailureAnalyzer<MappingFileException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MappingFileException cause) {
    String where = cause.line() > 0 ? "line " + cause.line() + " of " + cause.source() : cause.source();
    return new FailureAnalysis(
        "The field mappings cannot be used: " + cause.getMessage(),
        "Fix " + where + " (LEDGERBRIDGE_MAPPINGS_FILE), or unset LEDGERBRIDGE_MAPPINGS_FILE to run on the default"
            + " mappings.",
        cause);
  }
}
