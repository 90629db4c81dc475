package io.ledgerbridge.worker.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.worker.realtime.QuickBooksWebhook.EntityChange;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class QuickBooksWebhookTest {
  /** The test vector of Intuit's Java SDK (WebhooksServiceTest). */
  static final String VERIFIER = "b5771f19b12ddb4bcdb9f08bdc50bc63878a";
  static final byte[] INTUIT_BODY = ("{\"eventNotifications\":[{\"realmId\":\"1185883450\",\"dataChangeEvent\":{\"entities\":"
      + "[{\"name\":\"Customer\",\"id\":\"1\",\"operation\":\"Create\",\"lastUpdated\":\"2015-10-05T14:42:19-0700\"}]}}]}")
      .getBytes(StandardCharsets.UTF_8);

  @Test
  void signatureIsIntuitsAndAnyOtherIsRefused() {
    assertThat(QuickBooksWebhook.sign(VERIFIER, INTUIT_BODY)).isEqualTo("JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q=");
    assertThatCode(() -> QuickBooksWebhook.verify(VERIFIER, INTUIT_BODY, "JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q="))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> QuickBooksWebhook.verify("another-token", INTUIT_BODY, "JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q="))
        .isInstanceOf(ResponseStatusException.class).hasMessageContaining("401").hasMessageContaining("does not match");
    assertThatThrownBy(() -> QuickBooksWebhook.verify(VERIFIER, INTUIT_BODY, null))
        .hasMessageContaining("401").hasMessageContaining("intuit-signature header is missing");
  }

  @Test
  void legacyNotificationsNameEachEntityChangeOfEachCompany() {
    byte[] body = ("{\"eventNotifications\":["
        + "{\"realmId\":\"1\",\"dataChangeEvent\":{\"entities\":[{\"name\":\"Customer\",\"id\":\"7\",\"operation\":\"Update\"},"
        + "{\"name\":\"Invoice\",\"id\":\"12\",\"operation\":\"Void\"}]}},"
        + "{\"realmId\":\"2\",\"dataChangeEvent\":{\"entities\":[{\"name\":\"Item\",\"id\":\"3\",\"operation\":\"Delete\"}]}}]}")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(QuickBooksWebhook.changes(body)).containsExactly(
        new EntityChange("1", "Customer", "7", "Update"),
        new EntityChange("1", "Invoice", "12", "Void"),
        new EntityChange("2", "Item", "3", "Delete"));
  }

  @Test
  void cloudEventsNameTheEntityInTheirTypeAndTheCompanyAsAccount() {
    byte[] body = ("[{\"specversion\":\"1.0\",\"id\":\"88cd52aa\",\"source\":\"intuit.x\",\"type\":\"qbo.customer.updated.v1\","
        + "\"datacontenttype\":\"application/json\",\"time\":\"2025-09-10T21:31:25Z\",\"intuitentityid\":\"1234\","
        + "\"intuitaccountid\":\"310687\",\"data\":{}}]").getBytes(StandardCharsets.UTF_8);

    assertThat(QuickBooksWebhook.changes(body)).containsExactly(new EntityChange("310687", "customer", "1234", "updated"));
  }

  @Test
  void aBodyThatIsNotAWebhookSaysWhatIsWrong() {
    assertThatThrownBy(() -> QuickBooksWebhook.changes("{\"hello\":1}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("400").hasMessageContaining("eventNotifications");
    assertThatThrownBy(() -> QuickBooksWebhook.changes("not json".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> QuickBooksWebhook.changes("[{\"type\":\"qbo.customer.updated.v1\",\"intuitentityid\":\"1\"}]"
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("intuitaccountid is missing");
    assertThatThrownBy(() -> QuickBooksWebhook.changes("[{\"type\":\"created\",\"intuitentityid\":\"1\",\"intuitaccountid\":\"2\"}]"
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("qbo.<entity>.<verb>");
  }
}
