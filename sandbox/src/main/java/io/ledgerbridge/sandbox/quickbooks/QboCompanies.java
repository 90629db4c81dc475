package io.ledgerbridge.sandbox.quickbooks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The companies (realms) the sandbox knows; a company appears when seeded or first connected. */
final class QboCompanies {
  private final Map<String, QboCompany> byRealm = new ConcurrentHashMap<>();
  private final QboTime time;
  private final Supplier<List<EntityKind>> kinds;
  private final java.util.function.Consumer<QboWebhooks.Change> changes;

  QboCompanies(QboTime time, Supplier<List<EntityKind>> kinds, java.util.function.Consumer<QboWebhooks.Change> changes) {
    this.time = time;
    this.kinds = kinds;
    this.changes = changes;
  }

  QboCompany get(String realmId) {
    return byRealm.get(realmId);
  }

  /** A new company starts with the default chart of accounts, as a new QuickBooks Online company does. */
  QboCompany getOrCreate(String realmId) {
    return byRealm.computeIfAbsent(realmId,
        id -> QboChartOfAccounts.opened(new QboCompany(id, time, kinds.get(), changes), time.now()));
  }

  void clear() {
    byRealm.clear();
  }
}
