package io.ledgerbridge.worker.temporal.visibility;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A list query's WHERE part, evaluated on one run. A run that lacks the compared value (an open
 * run's CloseTime, a search attribute it was started without) matches no comparison, not even
 * {@code !=}: the way Temporal's SQL visibility (the PostgreSQL the cluster mode runs) treats NULL.
 */
sealed interface Filter {

  boolean matches(ExecutionRecord run);

  /** Every run: the query had no WHERE part. */
  Filter ALL = new AllOf(List.of());

  record AllOf(List<Filter> parts) implements Filter {
    @Override
    public boolean matches(ExecutionRecord run) {
      return parts.stream().allMatch(part -> part.matches(run));
    }
  }

  record AnyOf(List<Filter> parts) implements Filter {
    @Override
    public boolean matches(ExecutionRecord run) {
      return parts.stream().anyMatch(part -> part.matches(run));
    }
  }

  /** How a keyword field is compared with the query's values. */
  enum KeywordTest {
    /** {@code =} and {@code IN}: one of the run's values is one of the query's. */
    ANY_OF,
    /** {@code !=}: the run has values and none is the query's. */
    NONE_OF,
    /** {@code STARTS_WITH}: one of the run's values starts with the query's. */
    STARTS_WITH
  }

  /**
   * A comparison of a keyword field: WorkflowId, RunId, WorkflowType, TaskQueue, ExecutionStatus or
   * a Keyword / KeywordList search attribute (a list holds the query's value when one element is it).
   */
  record KeywordCondition(
      String field, Function<ExecutionRecord, List<String>> values, KeywordTest test, List<String> operands)
      implements Filter {
    @Override
    public boolean matches(ExecutionRecord run) {
      List<String> actual = values.apply(run);
      return switch (test) {
        case ANY_OF -> actual.stream().anyMatch(operands::contains);
        case NONE_OF -> !actual.isEmpty() && actual.stream().noneMatch(operands::contains);
        case STARTS_WITH -> actual.stream().anyMatch(value -> value.startsWith(operands.get(0)));
      };
    }
  }

  /** How a time field is compared; BETWEEN includes both ends, as in SQL. */
  enum TimeTest {
    EQUAL, NOT_EQUAL, BEFORE, AT_OR_BEFORE, AFTER, AT_OR_AFTER, BETWEEN
  }

  /** A comparison of StartTime or CloseTime; {@code upTo} is set for BETWEEN only. */
  record TimeCondition(
      String field, Function<ExecutionRecord, Instant> time, TimeTest test, Instant from, Instant upTo)
      implements Filter {
    @Override
    public boolean matches(ExecutionRecord run) {
      Instant actual = time.apply(run);
      if (actual == null) {
        return false;
      }
      int order = actual.compareTo(from);
      return switch (test) {
        case EQUAL -> order == 0;
        case NOT_EQUAL -> order != 0;
        case BEFORE -> order < 0;
        case AT_OR_BEFORE -> order <= 0;
        case AFTER -> order > 0;
        case AT_OR_AFTER -> order >= 0;
        case BETWEEN -> order >= 0 && !actual.isAfter(upTo);
      };
    }
  }
}
