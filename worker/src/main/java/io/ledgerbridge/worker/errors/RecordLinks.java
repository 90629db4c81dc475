package io.ledgerbridge.worker.errors;

import io.ledgerbridge.activities.quickbooks.QuickBooksSettings;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.store.RecordError;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.activities.store.RecordLinkStore;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where an admin opens a failed record in each system: QuickBooks Online's own pages (production
 * or Intuit's sandbox companies) and the Salesforce record page on the org's My Domain. Local
 * simulators have no web pages, so records there get no link.
 */
@Component
class RecordLinks {
  private static final String QBO_API = "quickbooks.api.intuit.com";
  private static final String QBO_SANDBOX_API = "sandbox-quickbooks.api.intuit.com";

  private final String quickBooksApp;
  private final String salesforceOrg;
  private final RecordLinkStore links;
  private final JdbcTemplate jdbc;

  @Autowired
  RecordLinks(QuickBooksSettings quickBooks, SalesforceSettings salesforce, JdbcTemplate jdbc) {
    this(quickBooks.apiBaseUrl(), salesforce.loginUrl(), jdbc);
  }

  RecordLinks(String quickBooksApiBaseUrl, String salesforceLoginUrl, JdbcTemplate jdbc) {
    String qboHost = host(quickBooksApiBaseUrl);
    this.quickBooksApp =
        QBO_API.equals(qboHost)
            ? "https://app.qbo.intuit.com/app/"
            : QBO_SANDBOX_API.equals(qboHost) ? "https://app.sandbox.qbo.intuit.com/app/" : null;
    String sfHost = host(salesforceLoginUrl);
    this.salesforceOrg =
        sfHost.endsWith(".salesforce.com") || sfHost.endsWith(".force.com") ? salesforceLoginUrl : null;
    this.links = new RecordLinkStore(jdbc);
    this.jdbc = jdbc;
  }

  /** Links to the record in QuickBooks and Salesforce; a side the record is not known on has none. */
  Links of(RecordError error) {
    if (RecordErrorStore.WHOLE_OBJECT.equals(error.sourceId())) {
      return new Links(null, null);
    }
    String qboId;
    String salesforceId;
    if (error.direction() == SyncDirection.QBO_TO_SALESFORCE) {
      qboId = error.sourceId();
      salesforceId =
          links.find(error.companyId(), error.object(), qboId).map(RecordLink::salesforceId).orElse(null);
    } else {
      salesforceId = error.sourceId();
      qboId = qboIdLinkedTo(error.companyId(), error.object(), salesforceId).orElse(null);
    }
    return new Links(quickBooks(error.companyId(), error.object(), qboId), salesforce(salesforceId));
  }

  String quickBooks(String realmId, SyncObject object, String qboId) {
    if (quickBooksApp == null || qboId == null) {
      return null;
    }
    return quickBooksApp + object.quickBooksPage(qboId);
  }

  String salesforce(String salesforceId) {
    if (salesforceOrg == null || salesforceId == null) {
      return null;
    }
    return salesforceOrg + "/" + salesforceId;
  }

  private Optional<String> qboIdLinkedTo(String companyId, SyncObject object, String salesforceId) {
    return jdbc
        .queryForList(
            "SELECT qbo_id FROM record_link WHERE company_id = ? AND object = ? AND salesforce_id = ?",
            String.class,
            companyId,
            object.displayName(),
            salesforceId)
        .stream()
        .findFirst();
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? "" : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException notAUrl) {
      return "";
    }
  }

  /** The record's page in each system, or null. */
  record Links(String quickBooks, String salesforce) {}
}
