package io.ledgerbridge.worker.jobs;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ledgerbridge.worker.config.TemporalProperties;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Search attributes that make jobs findable and readable in Temporal's web UI and CLI
 * ({@code temporal workflow list --query 'LedgerBridgeCompany="9130..."'} on a real server). They
 * are registered in the namespace at start; where that is not allowed (e.g. Temporal Cloud without
 * admin rights) jobs start without them and the memo still names them.
 */
@Component
class JobSearchAttributes {
  static final SearchAttributeKey<String> JOB_NAME = SearchAttributeKey.forKeyword("LedgerBridgeJobName");
  static final SearchAttributeKey<String> COMPANY = SearchAttributeKey.forKeyword("LedgerBridgeCompany");
  static final SearchAttributeKey<String> DIRECTION = SearchAttributeKey.forKeyword("LedgerBridgeDirection");
  static final SearchAttributeKey<List<String>> OBJECTS = SearchAttributeKey.forKeywordList("LedgerBridgeObjects");

  private static final Logger log = LoggerFactory.getLogger(JobSearchAttributes.class);

  private final boolean registered;

  JobSearchAttributes(WorkflowServiceStubs workflowService, TemporalProperties temporal) {
    this.registered = register(workflowService, temporal.namespace());
  }

  /** The job's search attributes, when the namespace has them. */
  Optional<SearchAttributes> of(Job job) {
    if (!registered) {
      return Optional.empty();
    }
    return Optional.of(
        SearchAttributes.newBuilder()
            .set(JOB_NAME, job.name())
            .set(COMPANY, job.companyId())
            .set(DIRECTION, job.direction().name())
            .set(OBJECTS, job.objects())
            .build());
  }

  private static boolean register(WorkflowServiceStubs workflowService, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(workflowService.getRawChannel())
                .validateAndBuildWithDefaults());
    Map<String, IndexedValueType> attributes =
        Map.of(
            JOB_NAME.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            COMPANY.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            DIRECTION.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            OBJECTS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);
    try {
      operator.blockingStub().addSearchAttributes(
          AddSearchAttributesRequest.newBuilder()
              .setNamespace(namespace)
              .putAllSearchAttributes(attributes)
              .build());
      log.info("Registered search attributes {} in namespace {}", attributes.keySet(), namespace);
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return true;
      }
      log.warn("Jobs start without search attributes: namespace {} did not accept {} ({})", namespace,
          attributes.keySet(), e.getStatus());
      return false;
    } finally {
      // The channel belongs to the workflow service stubs; only this wrapper is discarded.
      operator.shutdown();
    }
  }
}
