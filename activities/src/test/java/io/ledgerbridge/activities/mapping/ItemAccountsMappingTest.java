package io.ledgerbridge.activities.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import org.junit.jupiter.api.Test;

/** The Item mapping's itemAccounts: the defaults, how an override changes them, and what the loader refuses. */
class ItemAccountsMappingTest {

  @Test
  void theDefaultsNameANewCompanysAccountsForEveryItemType() {
    ItemAccounts accounts = Mappings.defaults().require(SyncObject.ITEM, SyncDirection.SALESFORCE_TO_QBO).itemAccounts();

    assertThat(accounts.byType()).containsEntry("Service", new ItemAccounts.Accounts("Services", null, null))
        .containsEntry("NonInventory", new ItemAccounts.Accounts("Sales of Product Income", null, null))
        .containsEntry("Inventory",
            new ItemAccounts.Accounts("Sales of Product Income", "Cost of Goods Sold", "Inventory Asset"));
    assertThat(accounts.all()).extracting(ItemAccounts.Named::key).containsExactly("itemAccounts.Service.income",
        "itemAccounts.NonInventory.income", "itemAccounts.Inventory.income", "itemAccounts.Inventory.expense",
        "itemAccounts.Inventory.asset");
  }

  @Test
  void anOverrideReplacesTheAccountsOfTheTypesItNamesAndKeepsTheOthers() {
    Mappings mappings = Mappings.withOverride(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            itemAccounts:
              Inventory: {income: Hardware Sales, expense: Hardware Costs, asset: Warehouse Stock}
              Service: {income: "Consulting:Hourly", expense: Subcontractors}
        """, "admin.yaml");

    ItemAccounts accounts = mappings.require(SyncObject.ITEM, SyncDirection.SALESFORCE_TO_QBO).itemAccounts();
    assertThat(accounts.byType()).containsEntry("Inventory",
            new ItemAccounts.Accounts("Hardware Sales", "Hardware Costs", "Warehouse Stock"))
        .containsEntry("Service", new ItemAccounts.Accounts("Consulting:Hourly", "Subcontractors", null))
        .containsEntry("NonInventory", new ItemAccounts.Accounts("Sales of Product Income", null, null));
  }

  @Test
  void itemsThatNoLongerGoToQuickBooksNeedNoAccounts() {
    Mappings mappings = Mappings.withOverride(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            direction: QBO_TO_SALESFORCE
        """, "admin.yaml");

    assertThat(mappings.require(SyncObject.ITEM, SyncDirection.QBO_TO_SALESFORCE).itemAccounts()).isNull();
  }

  @Test
  void badItemAccountsStopTheStartWithTheLineAndTheReason() {
    assertRefused(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            itemAccounts:
              Gadget: {income: Services}
        """,
        5, "Item mapping: itemAccounts.Gadget: 'Gadget' is not an item type that posts to accounts; those are Service,"
            + " NonInventory, Inventory (a Category posts to none)");
    assertRefused(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            itemAccounts:
              Inventory: {income: Sales of Product Income, expense: Cost of Goods Sold}
        """,
        5, "an Inventory item needs its inventory asset account: add asset, e.g. asset: Inventory Asset");
    assertRefused(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            itemAccounts:
              Inventory: {income: Sales of Product Income, asset: Inventory Asset}
        """,
        5, "an Inventory item needs its cost of goods sold account: add expense");
    assertRefused(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            itemAccounts:
              Service:
                income: Services
                asset: Inventory Asset
        """,
        7, "itemAccounts.Service.asset: only Inventory items have an asset account; leave it out");
    assertRefused(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            itemAccounts:
              Service:
                income: " "
        """,
        6, "required, the name of the income account");
    assertRefused(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            itemAccounts:
              Service: {incomeAccount: Services}
        """,
        5, "unknown key; known keys are asset, expense, income");
  }

  @Test
  void onlyItemsCreatedFromSalesforceHaveAccountsAndNoFieldMayWriteTheirReferences() {
    assertRefused(
        """
        mappings:
          - object: Customer
            salesforceObject: Account
            itemAccounts:
              Service: {income: Services}
        """,
        5, "Customer mapping: itemAccounts: only an Item mapping that syncs SALESFORCE_TO_QBO creates items");
    assertRefused(
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            fields:
              - {qbo: IncomeAccountRef.value, direction: SALESFORCE_TO_QBO, constant: "1", createOnly: true}
        """,
        0, "writes IncomeAccountRef, which itemAccounts fills from the account's name; remove that field");
  }

  @Test
  void anItemMappingOfItsOwnNeedsAccountsForEveryTypeItsProductsBecome() {
    String narrowedDefault =
        """
        mappings:
          - object: Item
            salesforceObject: Product2
            direction: QBO_TO_SALESFORCE
          - object: Item
            salesforceObject: Catalog_Entry__c
            direction: SALESFORCE_TO_QBO
            fields:
              - {salesforce: Name, qbo: Name, required: true}
              - {qbo: Type, constant: Inventory, createOnly: true}
        """;
    assertRefused(narrowedDefault, 5, "Item mapping: itemAccounts: required: the accounts, by name in the company's chart of"
        + " accounts, that items created from Salesforce post to");
    assertRefused(narrowedDefault.replace("    fields:", "    itemAccounts:\n      Service: {income: Services}\n    fields:"),
        9, "the Type field can make a product an item of type Inventory, which has no accounts here; add"
            + " itemAccounts.Inventory");
  }

  private static void assertRefused(String yaml, int line, String reason) {
    assertThatThrownBy(() -> Mappings.withOverride(yaml, "admin.yaml"))
        .isInstanceOf(MappingFileException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> {
          if (line > 0) {
            assertThat(((MappingFileException) e).line()).as(e.getMessage()).isEqualTo(line);
          }
        });
  }
}
