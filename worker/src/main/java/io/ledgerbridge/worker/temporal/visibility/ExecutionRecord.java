package io.ledgerbridge.worker.temporal.visibility;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One workflow run as a list query sees it: the values filters compare, and the execution info a
 * list answer carries.
 *
 * @param closeTime null while the run is open
 * @param keywordAttributes the run's Keyword and KeywordList search attributes, each as its values
 */
record ExecutionRecord(
    String workflowId,
    String runId,
    String workflowType,
    String taskQueue,
    WorkflowExecutionStatus status,
    Instant startTime,
    Instant closeTime,
    Map<String, List<String>> keywordAttributes,
    WorkflowExecutionInfo info) {}
