package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.activities.sync.Conflicts.Decision;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConflictsTest {
  static final Instant EARLIER = Instant.parse("2026-11-26T10:00:00Z");
  static final Instant LATER = EARLIER.plusSeconds(1);
  static final String QUICKBOOKS = "QuickBooks";
  static final String SALESFORCE = "Salesforce";

  @Test
  void theWinningSideIsWrittenAndTheLosingSideKeepsTheTargetWhicheverSideIsTheSource() {
    assertThat(Conflicts.decide(ConflictPolicy.QBO_WINS, QUICKBOOKS, EARLIER, LATER)).isEqualTo(Decision.WRITE);
    assertThat(Conflicts.decide(ConflictPolicy.QBO_WINS, SALESFORCE, LATER, EARLIER)).isEqualTo(Decision.KEEP_TARGET);
    assertThat(Conflicts.decide(ConflictPolicy.SALESFORCE_WINS, QUICKBOOKS, LATER, EARLIER)).isEqualTo(Decision.KEEP_TARGET);
    assertThat(Conflicts.decide(ConflictPolicy.SALESFORCE_WINS, SALESFORCE, EARLIER, LATER)).isEqualTo(Decision.WRITE);
  }

  @Test
  void newestWinsComparesTheSourcesChangeWithTheTargetsAndHoldsWhenOneIsUnknown() {
    assertThat(Conflicts.decide(ConflictPolicy.NEWEST_WINS, QUICKBOOKS, LATER, EARLIER)).isEqualTo(Decision.WRITE);
    assertThat(Conflicts.decide(ConflictPolicy.NEWEST_WINS, QUICKBOOKS, EARLIER, LATER)).isEqualTo(Decision.KEEP_TARGET);
    assertThat(Conflicts.decide(ConflictPolicy.NEWEST_WINS, SALESFORCE, LATER, EARLIER)).isEqualTo(Decision.WRITE);
    assertThat(Conflicts.decide(ConflictPolicy.NEWEST_WINS, SALESFORCE, EARLIER, LATER)).isEqualTo(Decision.KEEP_TARGET);
    assertThat(Conflicts.decide(ConflictPolicy.NEWEST_WINS, SALESFORCE, EARLIER, EARLIER)).as("a tie keeps the target")
        .isEqualTo(Decision.KEEP_TARGET);
    assertThat(Conflicts.decide(ConflictPolicy.NEWEST_WINS, QUICKBOOKS, null, LATER)).isEqualTo(Decision.HOLD);
    assertThat(Conflicts.decide(ConflictPolicy.NEWEST_WINS, SALESFORCE, LATER, null)).isEqualTo(Decision.HOLD);
  }

  @Test
  void holdWritesNeither() {
    assertThat(Conflicts.decide(ConflictPolicy.HOLD, QUICKBOOKS, LATER, EARLIER)).isEqualTo(Decision.HOLD);
    assertThat(Conflicts.decide(ConflictPolicy.HOLD, SALESFORCE, LATER, EARLIER)).isEqualTo(Decision.HOLD);
  }

  @Test
  void salesforceAndQuickBooksTimestampsAreReadInTheirOwnFormats() {
    assertThat(Times.salesforce("2026-11-26T10:00:00.000+0000")).isEqualTo(EARLIER);
    assertThat(Times.salesforce("2026-11-26T10:00:00.000Z")).isEqualTo(EARLIER);
    assertThat(Times.qbo("2026-11-26T02:00:00-08:00")).isEqualTo(EARLIER);
    assertThat(Times.soql(EARLIER.plusMillis(7))).isEqualTo("2026-11-26T10:00:00.007Z");
  }
}
