package io.ledgerbridge.activities.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.ItemAccounts;
import java.util.List;
import java.util.Locale;

/**
 * A company's chart of accounts as read once (one query, a metered read), to find the accounts the mappings
 * name: by FullyQualifiedName ({@code Parent:Child}) or, for a name only one account has, by Name; names are
 * compared as QuickBooks compares them, ignoring case.
 */
public final class ChartOfAccounts {
  private final String realmId;
  private final List<ObjectNode> accounts;

  private ChartOfAccounts(String realmId, List<ObjectNode> accounts) {
    this.realmId = realmId;
    this.accounts = List.copyOf(accounts);
  }

  /** Reads the company's accounts, inactive ones too, so a named inactive account is told apart from a missing one. */
  public static ChartOfAccounts read(QuickBooksClient qbo, String realmId) {
    return new ChartOfAccounts(realmId, qbo.queryAll(realmId, "Account", "where Active IN (true, false)"));
  }

  /**
   * The account a mapping names, or why it cannot be used.
   *
   * @param id the account's Id, null when it cannot be used
   * @param name its FullyQualifiedName, as a reference to it is named
   * @param problem what is wrong and how to fix it, null when it can be used
   */
  public record Found(String id, String name, String problem) {}

  /** Finds the account {@code named} names and checks it is active and of a type its part in an item takes. */
  public Found find(ItemAccounts.Named named) {
    String wanted = named.name().toLowerCase(Locale.ROOT);
    List<ObjectNode> byFullName = accounts.stream().filter(a -> lower(a, "FullyQualifiedName").equals(wanted)).toList();
    List<ObjectNode> matches = byFullName.isEmpty()
        ? accounts.stream().filter(a -> lower(a, "Name").equals(wanted)).toList()
        : byFullName;
    String where = " (" + named.key() + " in the Item mapping)";
    if (matches.isEmpty()) {
      return problem("QuickBooks company " + realmId + " has no account named '" + named.name() + "'" + where
          + "; create it in QuickBooks' chart of accounts as " + article(named.typesWanted()) + " account, or name an"
          + " existing one in the mappings file");
    }
    if (matches.size() > 1) {
      return problem("QuickBooks company " + realmId + " has " + matches.size() + " accounts named '" + named.name() + "'"
          + where + " (" + String.join(", ", matches.stream().map(a -> a.path("FullyQualifiedName").asText()).toList())
          + "); name one by its full name, Parent:Child");
    }
    JsonNode account = matches.get(0);
    String fullName = account.path("FullyQualifiedName").asText(named.name());
    String type = account.path("AccountType").asText();
    if (!account.path("Active").asBoolean(true)) {
      return problem("account '" + fullName + "'" + where + " is inactive in QuickBooks company " + realmId
          + "; make it active there, or name another " + named.typesWanted() + " account");
    }
    if (!named.role().accountTypes(named.itemType()).contains(type)) {
      return problem("account '" + fullName + "'" + where + " is " + article(type) + " account in QuickBooks company "
          + realmId + ", but the " + named.role().key() + " account of " + named.itemType() + " items must be "
          + article(named.typesWanted()) + " account; name one of that type");
    }
    return new Found(account.path("Id").asText(), fullName, null);
  }

  private static Found problem(String why) {
    return new Found(null, null, why);
  }

  private static String lower(JsonNode account, String field) {
    return account.path(field).asText("").toLowerCase(Locale.ROOT);
  }

  private static String article(String noun) {
    return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }
}
