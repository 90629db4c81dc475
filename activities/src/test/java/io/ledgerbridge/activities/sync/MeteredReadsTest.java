package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a scheduled run costs in reads Intuit meters (CorePlus), counted by the sandbox as Intuit
 * classes calls, not by LedgerBridge's own bookkeeping.
 */
class MeteredReadsTest {
  static final SyncDirection TO_SF = SyncDirection.QBO_TO_SALESFORCE;
  static final SyncObject[] JOB = SyncHarness.PAYMENTS_JOB;

  SyncHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  long corePlusCalls() {
    return h.fx.sandbox.callCounts(SandboxApi.QUICKBOOKS).getOrDefault("class CorePlus", 0L);
  }

  @Test
  void aRunOfEveryObjectOfAJobWithNothingChangedCostsOneReadAndAChangeIsStillSyncedByTheNextRun() {
    h = new SyncHarness(6);
    h.run(TO_SF, JOB);
    h.fx.sandbox.resetCallCounts();
    h.writes.clear();

    List<ObjectSyncResult> idle = h.run(TO_SF, JOB);

    assertThat(corePlusCalls()).as("one change data capture call for the whole run: %s",
        h.fx.sandbox.callCounts(SandboxApi.QUICKBOOKS)).isEqualTo(1);
    assertThat(idle).allSatisfy(r -> assertThat(r.counts().created() + r.counts().updated()).isZero());
    assertThat(h.salesforceWrites()).isZero();

    String customer = h.qboAll("Customer").get(0).get("Id").asText();
    h.qboChange("Customer", customer, c -> c.putObject("PrimaryPhone").put("FreeFormNumber", "(415) 555-0199"));
    h.fx.sandbox.resetCallCounts();

    List<ObjectSyncResult> next = h.run(TO_SF, JOB);

    assertThat(next.get(0).counts().updated()).as("%s", next.get(0)).isEqualTo(1);
    assertThat(next.subList(1, JOB.length)).allSatisfy(r -> assertThat(r.counts().read()).isZero());
    assertThat(corePlusCalls()).as("the run's answer, which carries the changed record: %s",
        h.fx.sandbox.callCounts(SandboxApi.QUICKBOOKS)).isEqualTo(1);
    assertThat(h.soql("SELECT Phone FROM Account WHERE QBO_Id__c = '" + h.externalId(customer) + "'"))
        .extracting(account -> account.get("Phone").asText()).containsExactly("(415) 555-0199");
  }

  @Test
  void moreChangesThanACheckpointHoldsAreQueriedAsBefore() {
    h = new SyncHarness(Pager.CHECKPOINT_EVERY + 20);
    h.run(TO_SF, SyncObject.CUSTOMER);
    for (ObjectNode customer : h.qboAll("Customer")) {
      h.qboChange("Customer", customer.get("Id").asText(), c -> c.putObject("PrimaryPhone").put("FreeFormNumber", "(415) 555-0100"));
    }
    h.fx.sandbox.resetCallCounts();

    List<ObjectSyncResult> next = h.run(TO_SF, SyncObject.CUSTOMER);

    assertThat(next.get(0).counts().updated()).isEqualTo(Pager.CHECKPOINT_EVERY + 20);
    assertThat(corePlusCalls()).as("the run's answer, then the object's query: %s",
        h.fx.sandbox.callCounts(SandboxApi.QUICKBOOKS)).isEqualTo(2);
  }
}
