package io.ledgerbridge.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The webhook signature against Intuit's own test vector (reference §7.2). */
class QboWebhookSignatureTest {

  @Test
  void signatureMatchesIntuitsTestVector() {
    String body = "{\"eventNotifications\":[{\"realmId\":\"1185883450\",\"dataChangeEvent\":{\"entities\":[{\"name\":"
        + "\"Customer\",\"id\":\"1\",\"operation\":\"Create\",\"lastUpdated\":\"2015-10-05T14:42:19-0700\"}]}}]}";
    assertThat(QboWebhooks.signature("b5771f19b12ddb4bcdb9f08bdc50bc63878a", body))
        .isEqualTo("JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q=");
  }
}
