package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;

/**
 * Deterministic demo data for a QBO company: customers, the items they buy, invoices with lines, the
 * payments against them (every fourth customer pays two invoices in a row with one), a credit memo and a
 * sales receipt for every tenth customer (every other credit memo applied to one of its customer's invoices by a
 * payment of 0) and a vendor for every ten customers (rounded up), consistent with
 * each other (balances, links, dates in order). A row depends
 * only on (seed, index) and two small plan arrays, so any row can be built alone and runs with the same
 * seed see the same data. Phone numbers use the fictional 555-01xx range.
 */
final class QboDemoData {
  private static final List<String> PLACES = List.of("Harbor", "Summit", "Cedar", "Granite", "Riverbend", "Maple",
      "Bayside", "Pinecrest", "Silverline", "Northgate", "Oakridge", "Westfield", "Redwood", "Lakeshore", "Ironwood",
      "Bluebird", "Evergreen", "Foxhill", "Golden Gate", "Highland", "Juniper", "Kingsley", "Meadowbrook", "Orchard",
      "Prairie", "Quarry", "Sandstone", "Timberline", "Union Square", "Willow Creek", "Aspen", "Brightwater",
      "Copperfield", "Driftwood", "Elm Street", "Fairview", "Greenleaf", "Hillcrest", "Ivy Lane", "Lighthouse");
  private static final List<String> TRADES = List.of("Bakery", "Landscaping", "Dental Care", "Auto Repair",
      "Consulting", "Hardware", "Plumbing", "Electric", "Coffee Roasters", "Bookkeeping", "Veterinary Clinic",
      "Fitness Studio", "Print Shop", "Catering", "Florist", "Roofing", "Design Studio", "Brewing", "Pet Supply",
      "Cleaning Services", "Marine Supply", "Solar", "Pharmacy", "Law Group", "Builders", "Cycles", "Optometry",
      "Tailoring", "Movers", "Wine Bar");
  private static final List<String> SUFFIXES = List.of("LLC", "Inc.", "Co.", "& Sons", "Group", "Partners", "Ltd.", "");
  private static final List<String> GIVEN_NAMES = List.of("Amy", "Brian", "Carmen", "David", "Elena", "Frank",
      "Grace", "Hector", "Irene", "James", "Kim", "Luis", "Maria", "Nathan", "Olivia", "Priya", "Quentin", "Rosa",
      "Samuel", "Tara", "Umar", "Vera", "Wes", "Yuki", "Zoe");
  private static final List<String> FAMILY_NAMES = List.of("Anderson", "Bauer", "Chen", "Diaz", "Evans", "Fischer",
      "Garcia", "Hughes", "Ito", "Jensen", "Kowalski", "Lopez", "Morgan", "Nguyen", "Okafor", "Patel", "Quinn",
      "Rossi", "Schmidt", "Tanaka", "Underwood", "Varga", "Walsh", "Young", "Zimmerman");
  private static final List<String> STREETS = List.of("Main St.", "Oak Ave.", "Market St.", "Mission Blvd.",
      "Elm St.", "Park Ave.", "Broadway", "Harbor Dr.", "Sunset Blvd.", "Lincoln Way", "Cedar Ln.", "Hillside Rd.");
  /** City, state, ZIP and area code that belong together. */
  private static final List<String[]> CITIES = List.of(
      new String[] {"San Francisco", "CA", "94107", "415"}, new String[] {"Oakland", "CA", "94612", "510"},
      new String[] {"San Jose", "CA", "95113", "408"}, new String[] {"Sacramento", "CA", "95814", "916"},
      new String[] {"Portland", "OR", "97205", "503"}, new String[] {"Seattle", "WA", "98101", "206"},
      new String[] {"Austin", "TX", "78701", "512"}, new String[] {"Denver", "CO", "80202", "303"},
      new String[] {"Phoenix", "AZ", "85004", "602"}, new String[] {"Chicago", "IL", "60601", "312"},
      new String[] {"Boston", "MA", "02108", "617"}, new String[] {"Atlanta", "GA", "30303", "404"},
      new String[] {"Madison", "WI", "53703", "608"}, new String[] {"Boise", "ID", "83702", "208"},
      new String[] {"Raleigh", "NC", "27601", "919"}, new String[] {"Salt Lake City", "UT", "84111", "801"});
  private static final int NAME_COMBINATIONS = PLACES.size() * TRADES.size() * SUFFIXES.size();
  /** Coprime with NAME_COMBINATIONS, so index * STRIDE mod combinations visits every name once. */
  private static final long STRIDE = 7919;
  /** How far back demo records were last changed: more than CDC's 30 days, so both paths have work. */
  static final Duration UPDATE_SPREAD = Duration.ofDays(90);

  /** Items the demo company sells: name, type, unit price. */
  private static final List<String[]> CATALOG = List.of(
      new String[] {"Consulting Hours", "Service", "150.00"}, new String[] {"Installation", "Service", "95.00"},
      new String[] {"Maintenance Plan", "Service", "49.00"}, new String[] {"Design Services", "Service", "120.00"},
      new String[] {"Training Session", "Service", "300.00"}, new String[] {"Site Survey", "Service", "250.00"},
      new String[] {"Emergency Call-Out", "Service", "180.00"}, new String[] {"Project Management", "Service", "110.00"},
      new String[] {"Hardware Kit", "NonInventory", "349.99"}, new String[] {"Replacement Parts", "NonInventory", "24.50"},
      new String[] {"Cable Bundle", "NonInventory", "12.75"}, new String[] {"Mounting Bracket", "NonInventory", "18.00"},
      new String[] {"Sensor Pack", "NonInventory", "89.00"}, new String[] {"Control Panel", "NonInventory", "499.00"},
      new String[] {"Software License", "Service", "79.00"}, new String[] {"Cloud Backup (monthly)", "Service", "15.00"},
      new String[] {"Extended Warranty", "Service", "199.00"}, new String[] {"Delivery", "Service", "35.00"},
      new String[] {"Disposal Fee", "Service", "40.00"}, new String[] {"Inspection", "Service", "135.00"});
  static final long FIRST_DOC_NUMBER = 1001;
  /** Customers 3, 13, 23, ... have a credit memo each, numbered CM-1, CM-2, ... apart from the automatic numbers. */
  static final OneLineForms CREDIT_MEMOS = new OneLineForms("credit-memo", "CM-", 10, 3);
  /** Customers 7, 17, 27, ... have a sales receipt each, numbered SR-1, SR-2, ... */
  static final OneLineForms SALES_RECEIPTS = new OneLineForms("sales-receipt", "SR-", 10, 7);
  /** Customers 5, 15, 25, ... have an estimate each, numbered EST-1, EST-2, ..., Pending, Accepted or Rejected in turn. */
  static final OneLineForms ESTIMATES = new OneLineForms("estimate", "EST-", 10, 5);
  private static final List<String> ESTIMATE_STATUSES = List.of("Pending", "Accepted", "Rejected");
  /** A demo estimate expires this many days after its date. */
  private static final int ESTIMATE_VALID_DAYS = 30;
  /**
   * Every customer's primary contact has a name, email and phone (LedgerBridge's Contacts); every this many
   * customers' contact has a mobile number too.
   */
  private static final int MOBILE_EVERY = 4;
  /** Customers 0, 4, 8, ... pay two invoices in a row, when both are paid, with one payment. */
  private static final int TWO_INVOICE_PAYMENTS_EVERY = 4;
  /** Credit memos 0, 2, 4, ... (CM-1, CM-3, ...) are applied to their customer's invoice, when one still owes as much. */
  private static final int APPLIED_CREDIT_MEMO_EVERY = 2;
  /** Every fifth demo invoice (the first, the sixth, ...) ends with a description-only line, which adds nothing. */
  private static final int DESCRIPTION_LINE_EVERY = 5;
  /** A vendor for every this many customers, rounded up. */
  private static final int VENDOR_EVERY = 10;
  /**
   * What demo vendors supply; "{place} {supply}" never reads like a customer's "{place} {trade} {suffix}", as
   * QBO refuses a vendor named like a customer (6240).
   */
  private static final List<String> SUPPLIES = List.of("Office Supplies", "Paper Mill", "Freight Lines", "Packaging",
      "Janitorial Supply", "Wholesale Foods", "Lumber Yard", "Uniform Rental", "Telecom", "Courier");
  private static final int VENDOR_NAMES = PLACES.size() * SUPPLIES.size();
  /** Base vendor names (lowercase) to their index in the first round. */
  private static final Map<String, Integer> VENDOR_SLOTS_BY_NAME = vendorSlotsByName();

  private final long seed;
  private final Instant anchor;
  private final int customers;
  /** firstInvoice[c] = index of customer c's first invoice; firstInvoice[customers] = invoice count. */
  private final int[] firstInvoice;
  /** paymentOfInvoice[i] = index of invoice i's payment, or -1 when it is unpaid. */
  private final int[] paymentOfInvoice;
  /** paymentFirstInvoice[p] = index of payment p's first invoice; its second, if any, is the next invoice. */
  private final int[] paymentFirstInvoice;
  /** LastUpdatedTime in epoch seconds per row, so time-ordered reads need not build rows. */
  private final int[] customerUpdated;
  private final int[] invoiceUpdated;
  private final int[] paymentUpdated;
  /**
   * The payments after the invoice payments apply credit: payment paymentFirstInvoice.length + a applies credit memo
   * appliedMemo[a] to invoice creditedInvoice[a]. Both ascend, so either finds its application by binary search.
   */
  private final int[] appliedMemo;
  private final int[] creditedInvoice;

  /**
   * Plans how many invoices each customer has, which invoices are paid, and when each row was last
   * updated; the rows themselves are built on demand, so a few ints are held per record.
   *
   * @param anchor "now" of the demo data: every timestamp lies before it
   */
  QboDemoData(long seed, Instant anchor, int customers) {
    this.seed = seed;
    this.anchor = anchor;
    this.customers = customers;
    this.firstInvoice = new int[customers + 1];
    this.customerUpdated = new int[customers];
    for (int c = 0; c < customers; c++) {
      firstInvoice[c + 1] = firstInvoice[c] + random("invoice-count", c).nextInt(4);
      customerUpdated[c] = (int) customerTimes(c)[1].getEpochSecond();
    }
    int invoices = firstInvoice[customers];
    this.paymentOfInvoice = new int[invoices];
    this.invoiceUpdated = new int[invoices];
    int[] firstInvoices = new int[invoices];
    int[] paid = new int[invoices];
    int payments = 0;
    for (int i = 0; i < invoices; i++) {
      InvoicePlan plan = invoice(i);
      paymentOfInvoice[i] = -1;
      invoiceUpdated[i] = (int) plan.createdAt().getEpochSecond();
      if (plan.paidAt() == null) {
        continue;
      }
      int paidAt = (int) plan.paidAt().getEpochSecond();
      int previous = i > 0 ? paymentOfInvoice[i - 1] : -1;
      boolean joins = previous >= 0 && firstInvoices[previous] == i - 1 && i - 1 >= firstInvoice[plan.customerIndex()]
          && plan.customerIndex() % TWO_INVOICE_PAYMENTS_EVERY == 0;
      if (joins) {
        // One payment for both: received when the later one was paid, which is when both were last updated.
        paymentOfInvoice[i] = previous;
        paid[previous] = Math.max(paid[previous], paidAt);
        invoiceUpdated[i - 1] = paid[previous];
      } else {
        paymentOfInvoice[i] = payments;
        firstInvoices[payments] = i;
        paid[payments++] = paidAt;
      }
      invoiceUpdated[i] = paid[paymentOfInvoice[i]];
    }
    this.paymentFirstInvoice = Arrays.copyOf(firstInvoices, payments);
    int memos = formCount(CREDIT_MEMOS);
    int[] memosApplied = new int[memos];
    int[] invoicesCredited = new int[memos];
    int[] appliedAt = new int[memos];
    int applications = 0;
    for (int memo = 0; memo < memos; memo += APPLIED_CREDIT_MEMO_EVERY) {
      OneLineFormPlan credit = oneLineForm(CREDIT_MEMOS, memo);
      for (int i = firstInvoice[credit.customerIndex()]; i < firstInvoice[credit.customerIndex() + 1]; i++) {
        InvoicePlan plan = invoice(i);
        long after = Math.max(Math.max(credit.createdAt().getEpochSecond(), invoiceUpdated[i]), plan.createdAt().getEpochSecond());
        long window = anchor.getEpochSecond() - 60 - after;
        if (plan.total().subtract(plan.paid()).compareTo(credit.amount()) >= 0 && window > 0) {
          memosApplied[applications] = memo;
          invoicesCredited[applications] = i;
          appliedAt[applications++] = (int) (after + 1 + random("credit-application", memo).nextLong(window));
          invoiceUpdated[i] = appliedAt[applications - 1];
          break;
        }
      }
    }
    this.appliedMemo = Arrays.copyOf(memosApplied, applications);
    this.creditedInvoice = Arrays.copyOf(invoicesCredited, applications);
    this.paymentUpdated = Arrays.copyOf(paid, payments + applications);
    System.arraycopy(appliedAt, 0, paymentUpdated, payments, applications);
  }

  /** Seeded customers; their DisplayNames map back to ids without a lookup table. */
  SeededRows customers() {
    return new SeededRows() {
      @Override
      public int count() {
        return customers;
      }

      @Override
      public ObjectNode row(int index) {
        return customerRow(index);
      }

      @Override
      public long lastUpdatedEpochSecond(int index) {
        return customerUpdated[index];
      }

      @Override
      public Long idOfUniqueKey(String lowercaseKey) {
        long index = companyIndex(lowercaseKey);
        return index >= 0 && index < customers ? index + 1 : null;
      }
    };
  }

  SeededRows items() {
    return new SeededRows() {
      @Override
      public int count() {
        return CATALOG.size();
      }

      @Override
      public ObjectNode row(int index) {
        return itemRow(index);
      }

      @Override
      public long lastUpdatedEpochSecond(int index) {
        return itemCreated(index).getEpochSecond();
      }

      @Override
      public Long idOfUniqueKey(String lowercaseKey) {
        for (int i = 0; i < CATALOG.size(); i++) {
          if (CATALOG.get(i)[0].equalsIgnoreCase(lowercaseKey)) {
            return i + 1L;
          }
        }
        return null;
      }
    };
  }

  /** Seeded invoices; DocNumber n belongs to invoice n - FIRST_DOC_NUMBER. */
  SeededRows invoices() {
    return new SeededRows() {
      @Override
      public int count() {
        return invoiceCount();
      }

      @Override
      public ObjectNode row(int index) {
        return invoiceRow(index);
      }

      @Override
      public long lastUpdatedEpochSecond(int index) {
        return invoiceUpdated[index];
      }

      @Override
      public Long idOfUniqueKey(String lowercaseKey) {
        try {
          long index = Long.parseLong(lowercaseKey) - FIRST_DOC_NUMBER;
          return index >= 0 && index < invoiceCount() && Long.toString(FIRST_DOC_NUMBER + index).equals(lowercaseKey)
              ? index + 1 : null;
        } catch (NumberFormatException e) {
          return null;
        }
      }
    };
  }

  SeededRows payments() {
    return new SeededRows() {
      @Override
      public int count() {
        return paymentCount();
      }

      @Override
      public ObjectNode row(int index) {
        return paymentRow(index);
      }

      @Override
      public long lastUpdatedEpochSecond(int index) {
        return paymentUpdated[index];
      }
    };
  }

  /** Seeded credit memos, last updated when a payment applied them. */
  SeededRows creditMemos() {
    return oneLineForms(CREDIT_MEMOS, this::creditMemoRow, this::creditMemoUpdated);
  }

  /** Seeded sales receipts. */
  SeededRows salesReceipts() {
    return oneLineForms(SALES_RECEIPTS, this::salesReceiptRow, index -> oneLineForm(SALES_RECEIPTS, index).createdAt().getEpochSecond());
  }

  /** Seeded estimates. */
  SeededRows estimates() {
    return oneLineForms(ESTIMATES, this::estimateRow, index -> oneLineForm(ESTIMATES, index).createdAt().getEpochSecond());
  }

  /** Seeded one-line forms; DocNumber {prefix}n belongs to form n - 1. */
  private SeededRows oneLineForms(OneLineForms forms, IntFunction<ObjectNode> rows, IntToLongFunction lastUpdated) {
    return new SeededRows() {
      @Override
      public int count() {
        return formCount(forms);
      }

      @Override
      public ObjectNode row(int index) {
        return rows.apply(index);
      }

      @Override
      public long lastUpdatedEpochSecond(int index) {
        return lastUpdated.applyAsLong(index);
      }

      @Override
      public Long idOfUniqueKey(String lowercaseKey) {
        String prefix = forms.docNumberPrefix().toLowerCase(Locale.ROOT);
        if (!lowercaseKey.startsWith(prefix)) {
          return null;
        }
        try {
          long id = Long.parseLong(lowercaseKey.substring(prefix.length()));
          return id >= 1 && id <= formCount(forms) && lowercaseKey.equals(prefix + id) ? id : null;
        } catch (NumberFormatException e) {
          return null;
        }
      }
    };
  }

  /** Seeded vendors; their DisplayNames map back to ids without a lookup table. */
  SeededRows vendors() {
    return new SeededRows() {
      @Override
      public int count() {
        return vendorCount();
      }

      @Override
      public ObjectNode row(int index) {
        return vendorRow(index);
      }

      @Override
      public long lastUpdatedEpochSecond(int index) {
        return vendorCreated(random("vendor", index)).getEpochSecond();
      }

      @Override
      public Long idOfUniqueKey(String lowercaseKey) {
        long index = vendorIndex(lowercaseKey);
        return index >= 0 && index < vendorCount() ? index + 1 : null;
      }
    };
  }

  /** A customer's (CreateTime, LastUpdatedTime): the first draws of its random stream. */
  private Instant[] customerTimes(int index) {
    SplittableRandom random = random("customer", index);
    Instant updated = anchor.minusSeconds(60 + random.nextLong(UPDATE_SPREAD.toSeconds()));
    Instant created = updated.minusSeconds(random.nextLong(Duration.ofDays(3 * 365).toSeconds()));
    return new Instant[] {created, updated};
  }

  private Instant itemCreated(int index) {
    return anchor.minus(Duration.ofDays(800 - index));
  }

  int customerCount() {
    return customers;
  }

  int itemCount() {
    return CATALOG.size();
  }

  int invoiceCount() {
    return firstInvoice[customers];
  }

  int paymentCount() {
    return paymentUpdated.length;
  }

  int vendorCount() {
    return (customers + VENDOR_EVERY - 1) / VENDOR_EVERY;
  }

  /** How many customers have one of these forms. */
  int formCount(OneLineForms forms) {
    return customers > forms.offset() ? (customers - forms.offset() - 1) / forms.every() + 1 : 0;
  }

  /** Customer row, id = index + 1, with the Balance its demo invoices leave open less its credit (a sales receipt leaves nothing open). */
  ObjectNode customerRow(int index) {
    SplittableRandom random = random("customer", index);
    Instant updated = anchor.minusSeconds(60 + random.nextLong(UPDATE_SPREAD.toSeconds()));
    Instant created = updated.minusSeconds(random.nextLong(Duration.ofDays(3 * 365).toSeconds()));
    String companyName = companyName(index);
    String given = pick(random, GIVEN_NAMES);
    String family = pick(random, FAMILY_NAMES);
    String[] city = pick(random, CITIES);
    ObjectNode customer = header(index + 1, created.equals(updated) ? 0 : 1 + random.nextInt(5), created, updated);
    customer.put("DisplayName", companyName);
    customer.put("CompanyName", companyName);
    customer.put("GivenName", given);
    customer.put("FamilyName", family);
    customer.put("FullyQualifiedName", companyName);
    customer.put("PrintOnCheckName", companyName);
    customer.putObject("PrimaryEmailAddr").put("Address", given.toLowerCase(Locale.ROOT) + "@" + domain(companyName));
    customer.putObject("PrimaryPhone").put("FreeFormNumber", String.format("(%s) 555-01%02d", city[3], random.nextInt(100)));
    if (index % MOBILE_EVERY == 0) {
      // Drawn from no random stream, so the other fields of every customer stay as they were.
      customer.putObject("Mobile").put("FreeFormNumber", String.format("(%s) 555-02%02d", city[3], index % 100));
    }
    ObjectNode billing = customer.putObject("BillAddr");
    billing.put("Id", Integer.toString(index + 1));
    billing.put("Line1", (100 + random.nextInt(9800)) + " " + pick(random, STREETS));
    billing.put("City", city[0]);
    billing.put("CountrySubDivisionCode", city[1]);
    billing.put("PostalCode", city[2]);
    billing.put("Country", "USA");
    customer.put("PreferredDeliveryMethod", random.nextInt(3) == 0 ? "Print" : "Email");
    customer.put("Taxable", random.nextBoolean());
    customer.put("Notes", "Customer since " + created.atZone(QboTime.COMPANY_ZONE).getYear());
    customer.put("Active", true);
    customer.put("Job", false);
    customer.put("BillWithParent", false);
    customer.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
    BigDecimal open = BigDecimal.ZERO;
    for (int i = firstInvoice[index]; i < firstInvoice[index + 1]; i++) {
      InvoicePlan plan = invoice(i);
      open = open.add(plan.total().subtract(plan.paid()));
    }
    if (index % CREDIT_MEMOS.every() == CREDIT_MEMOS.offset()) {
      open = open.subtract(oneLineForm(CREDIT_MEMOS, index / CREDIT_MEMOS.every()).amount());
    }
    QboRefs.putMoney(customer, "Balance", open);
    QboRefs.putMoney(customer, "BalanceWithJobs", open);
    return customer;
  }

  /** Item row, id = index + 1. */
  ObjectNode itemRow(int index) {
    String[] entry = CATALOG.get(index);
    Instant created = itemCreated(index);
    ObjectNode item = header(index + 1, 0, created, created);
    item.put("Name", entry[0]);
    item.put("FullyQualifiedName", entry[0]);
    item.put("Description", entry[0]);
    item.put("Type", entry[1]);
    item.put("UnitPrice", new BigDecimal(entry[2]).doubleValue());
    item.put("PurchaseCost", 0);
    item.put("Taxable", entry[1].equals("NonInventory"));
    item.put("TrackQtyOnHand", false);
    item.put("Active", true);
    // Services post to the default Services account, products to Sales of Product Income, as QuickBooks proposes.
    item.set("IncomeAccountRef", QboChartOfAccounts.refTo(entry[1].equals("Service") ? "Services" : "Sales of Product Income"));
    return item;
  }

  /**
   * Vendor row, id = index + 1. Its Balance is zero: the sandbox has no bills. Its address Id follows the
   * customers' (QBO numbers addresses company-wide).
   */
  ObjectNode vendorRow(int index) {
    SplittableRandom random = random("vendor", index);
    Instant created = vendorCreated(random);
    String name = vendorName(index);
    String[] city = pick(random, CITIES);
    ObjectNode vendor = header(index + 1, 0, created, created);
    vendor.put("DisplayName", name);
    vendor.put("CompanyName", name);
    vendor.put("PrintOnCheckName", name);
    vendor.putObject("PrimaryPhone").put("FreeFormNumber", String.format("(%s) 555-01%02d", city[3], random.nextInt(100)));
    vendor.putObject("WebAddr").put("URI", "https://" + domain(name));
    ObjectNode billing = vendor.putObject("BillAddr");
    billing.put("Id", Integer.toString(customers + index + 1));
    billing.put("Line1", (100 + random.nextInt(9800)) + " " + pick(random, STREETS));
    billing.put("City", city[0]);
    billing.put("CountrySubDivisionCode", city[1]);
    billing.put("PostalCode", city[2]);
    billing.put("Country", "USA");
    vendor.put("AcctNum", "V-" + (index + 1));
    vendor.put("Active", true);
    vendor.put("Vendor1099", random.nextInt(4) == 0);
    vendor.put("Balance", 0.0);
    return vendor;
  }

  /** A vendor's CreateTime, also its LastUpdatedTime: the first draw of its random stream, within two years. */
  private Instant vendorCreated(SplittableRandom vendorRandom) {
    return anchor.minusSeconds(60 + vendorRandom.nextLong(Duration.ofDays(2 * 365).toSeconds()));
  }

  /** Invoice row, id = index + 1, with Balance and LinkedTxn after its demo payment and the credit applied to it. */
  ObjectNode invoiceRow(int index) {
    InvoicePlan plan = invoice(index);
    boolean paid = plan.paidAt() != null;
    int application = Arrays.binarySearch(creditedInvoice, index);
    ObjectNode invoice = header(index + 1, (paid ? 1 : 0) + (application >= 0 ? 1 : 0), plan.createdAt(),
        Instant.ofEpochSecond(invoiceUpdated[index]));
    invoice.put("DocNumber", Long.toString(FIRST_DOC_NUMBER + index));
    LocalDate txnDate = plan.createdAt().atZone(QboTime.COMPANY_ZONE).toLocalDate();
    invoice.put("TxnDate", txnDate.toString());
    invoice.put("DueDate", txnDate.plusDays(30).toString());
    invoice.putObject("CustomerRef").put("value", Integer.toString(plan.customerIndex() + 1))
        .put("name", companyName(plan.customerIndex()));
    ArrayNode lines = invoice.putArray("Line");
    for (int n = 0; n < plan.items().length; n++) {
      String[] entry = CATALOG.get(plan.items()[n]);
      BigDecimal price = new BigDecimal(entry[2]);
      ObjectNode line = lines.addObject();
      line.put("Id", Integer.toString(n + 1));
      line.put("LineNum", n + 1);
      line.put("Description", entry[0]);
      QboRefs.putMoney(line, "Amount", price.multiply(BigDecimal.valueOf(plan.quantities()[n])));
      line.put("DetailType", "SalesItemLineDetail");
      ObjectNode detail = line.putObject("SalesItemLineDetail");
      detail.putObject("ItemRef").put("value", Integer.toString(plan.items()[n] + 1)).put("name", entry[0]);
      detail.put("Qty", plan.quantities()[n]);
      detail.put("UnitPrice", price.doubleValue());
      detail.putObject("TaxCodeRef").put("value", "NON");
    }
    if (index % DESCRIPTION_LINE_EVERY == 0) {
      ObjectNode note = lines.addObject();
      note.put("Id", Integer.toString(plan.items().length + 1));
      note.put("LineNum", plan.items().length + 1);
      note.put("Description", "Thank you for your business. Payment is due within 30 days.");
      note.put("Amount", 0);
      note.put("DetailType", "DescriptionOnly");
      note.putObject("DescriptionLineDetail");
    }
    ObjectNode subtotal = lines.addObject();
    QboRefs.putMoney(subtotal, "Amount", plan.total());
    subtotal.put("DetailType", "SubTotalLineDetail");
    subtotal.putObject("SubTotalLineDetail");
    QboRefs.putMoney(invoice, "TotalAmt", plan.total());
    BigDecimal credited = application >= 0 ? oneLineForm(CREDIT_MEMOS, appliedMemo[application]).amount() : BigDecimal.ZERO;
    QboRefs.putMoney(invoice, "Balance", plan.total().subtract(plan.paid()).subtract(credited));
    invoice.put("Deposit", 0);
    invoice.putObject("TxnTaxDetail").put("TotalTax", 0);
    ArrayNode links = invoice.putArray("LinkedTxn");
    if (paid) {
      links.addObject().put("TxnId", Integer.toString(paymentOfInvoice[index] + 1)).put("TxnType", "Payment");
    }
    if (application >= 0) {
      links.addObject().put("TxnId", Integer.toString(creditPaymentId(application))).put("TxnType", "Payment");
    }
    invoice.put("EmailStatus", "EmailSent");
    invoice.put("PrintStatus", "NotSet");
    invoice.put("ApplyTaxAfterDiscount", false);
    invoice.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
    return invoice;
  }

  /**
   * Payment row, id = index + 1, applied to one demo invoice or to two of its customer's in a row; after those,
   * the payments of 0 that apply a credit memo to an invoice.
   */
  ObjectNode paymentRow(int index) {
    if (index >= paymentFirstInvoice.length) {
      return creditPaymentRow(index - paymentFirstInvoice.length);
    }
    int first = paymentFirstInvoice[index];
    InvoicePlan plan = invoice(first);
    Instant received = Instant.ofEpochSecond(paymentUpdated[index]);
    ObjectNode payment = header(index + 1, 0, received, received);
    payment.putObject("CustomerRef").put("value", Integer.toString(plan.customerIndex() + 1))
        .put("name", companyName(plan.customerIndex()));
    payment.put("UnappliedAmt", 0.0);
    payment.put("TxnDate", received.atZone(QboTime.COMPANY_ZONE).toLocalDate().toString());
    payment.put("ProcessPayment", false);
    payment.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
    ArrayNode lines = payment.putArray("Line");
    BigDecimal total = BigDecimal.ZERO;
    for (int i = first; i < invoiceCount() && paymentOfInvoice[i] == index; i++) {
      BigDecimal paid = invoice(i).paid();
      ObjectNode line = lines.addObject();
      QboRefs.putMoney(line, "Amount", paid);
      line.putArray("LinkedTxn").addObject().put("TxnId", Integer.toString(i + 1)).put("TxnType", "Invoice");
      total = total.add(paid);
    }
    QboRefs.putMoney(payment, "TotalAmt", total);
    return payment;
  }

  /**
   * The payment that applies credit memo appliedMemo[application] to invoice creditedInvoice[application]: no money
   * changes hands (TotalAmt 0), the credit pays the invoice (QuickBooks' Receive Payment).
   */
  private ObjectNode creditPaymentRow(int application) {
    OneLineFormPlan credit = oneLineForm(CREDIT_MEMOS, appliedMemo[application]);
    Instant applied = Instant.ofEpochSecond(paymentUpdated[paymentFirstInvoice.length + application]);
    ObjectNode payment = header(creditPaymentId(application), 0, applied, applied);
    payment.putObject("CustomerRef").put("value", Integer.toString(credit.customerIndex() + 1))
        .put("name", companyName(credit.customerIndex()));
    payment.put("UnappliedAmt", 0.0);
    payment.put("TxnDate", applied.atZone(QboTime.COMPANY_ZONE).toLocalDate().toString());
    payment.put("ProcessPayment", false);
    payment.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
    ArrayNode lines = payment.putArray("Line");
    ObjectNode invoiceLine = lines.addObject();
    QboRefs.putMoney(invoiceLine, "Amount", credit.amount());
    invoiceLine.putArray("LinkedTxn").addObject().put("TxnId", Integer.toString(creditedInvoice[application] + 1))
        .put("TxnType", "Invoice");
    ObjectNode creditLine = lines.addObject();
    QboRefs.putMoney(creditLine, "Amount", credit.amount());
    creditLine.putArray("LinkedTxn").addObject().put("TxnId", Integer.toString(appliedMemo[application] + 1))
        .put("TxnType", "CreditMemo");
    QboRefs.putMoney(payment, "TotalAmt", BigDecimal.ZERO);
    return payment;
  }

  private int creditPaymentId(int application) {
    return paymentFirstInvoice.length + application + 1;
  }

  /** Credit memo row, id = index + 1: one item credited back to its customer, all of it applied or none. */
  ObjectNode creditMemoRow(int index) {
    int application = Arrays.binarySearch(appliedMemo, index);
    ObjectNode memo = oneLineFormRow(CREDIT_MEMOS, index, "Credit for ");
    BigDecimal remaining = application >= 0 ? BigDecimal.ZERO : oneLineForm(CREDIT_MEMOS, index).amount();
    if (application >= 0) {
      // Applying the credit was the memo's second version.
      memo.put("SyncToken", "1");
      memo.with("MetaData").put("LastUpdatedTime", QboTime.metadata(Instant.ofEpochSecond(creditMemoUpdated(index))));
    }
    QboRefs.putMoney(memo, "Balance", remaining);
    QboRefs.putMoney(memo, "RemainingCredit", remaining);
    return memo;
  }

  private long creditMemoUpdated(int index) {
    int application = Arrays.binarySearch(appliedMemo, index);
    return application >= 0 ? paymentUpdated[paymentFirstInvoice.length + application]
        : oneLineForm(CREDIT_MEMOS, index).createdAt().getEpochSecond();
  }

  /** Sales receipt row, id = index + 1: one item sold to its customer and paid at once, so nothing is open. */
  ObjectNode salesReceiptRow(int index) {
    ObjectNode receipt = oneLineFormRow(SALES_RECEIPTS, index, "Thank you for buying ");
    QboRefs.putMoney(receipt, "Balance", BigDecimal.ZERO);
    return receipt;
  }

  /** Estimate row, id = index + 1: one item proposed to its customer; an estimate has no Balance. */
  ObjectNode estimateRow(int index) {
    ObjectNode estimate = oneLineFormRow(ESTIMATES, index, "Our estimate for ");
    estimate.put("TxnStatus", ESTIMATE_STATUSES.get(index % ESTIMATE_STATUSES.size()));
    estimate.put("ExpirationDate", LocalDate.parse(estimate.get("TxnDate").asText()).plusDays(ESTIMATE_VALID_DAYS).toString());
    return estimate;
  }

  /** A one-line sales form of its customer, all but its Balance; the customer memo is the text and the item. */
  private ObjectNode oneLineFormRow(OneLineForms forms, int index, String customerMemo) {
    OneLineFormPlan plan = oneLineForm(forms, index);
    String[] entry = CATALOG.get(plan.item());
    ObjectNode form = header(index + 1, 0, plan.createdAt(), plan.createdAt());
    form.put("DocNumber", forms.docNumberPrefix() + (index + 1));
    form.put("TxnDate", plan.createdAt().atZone(QboTime.COMPANY_ZONE).toLocalDate().toString());
    form.putObject("CustomerRef").put("value", Integer.toString(plan.customerIndex() + 1))
        .put("name", companyName(plan.customerIndex()));
    form.putObject("CustomerMemo").put("value", customerMemo + entry[0]);
    ArrayNode lines = form.putArray("Line");
    ObjectNode line = lines.addObject();
    line.put("Id", "1");
    line.put("LineNum", 1);
    line.put("Description", entry[0]);
    QboRefs.putMoney(line, "Amount", plan.amount());
    line.put("DetailType", "SalesItemLineDetail");
    ObjectNode detail = line.putObject("SalesItemLineDetail");
    detail.putObject("ItemRef").put("value", Integer.toString(plan.item() + 1)).put("name", entry[0]);
    detail.put("Qty", plan.quantity());
    detail.put("UnitPrice", new BigDecimal(entry[2]).doubleValue());
    detail.putObject("TaxCodeRef").put("value", "NON");
    ObjectNode subtotal = lines.addObject();
    QboRefs.putMoney(subtotal, "Amount", plan.amount());
    subtotal.put("DetailType", "SubTotalLineDetail");
    subtotal.putObject("SubTotalLineDetail");
    QboRefs.putMoney(form, "TotalAmt", plan.amount());
    form.putObject("TxnTaxDetail").put("TotalTax", 0);
    form.put("EmailStatus", "NotSet");
    form.put("PrintStatus", "NotSet");
    form.put("ApplyTaxAfterDiscount", false);
    form.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
    return form;
  }

  /**
   * Sales forms of one item that every {@code every}-th customer from {@code offset} has one of, drawn from the
   * random stream of that name and numbered with that prefix.
   */
  record OneLineForms(String stream, String docNumberPrefix, int every, int offset) {}

  /** What a one-line form is: whose, when, which item in what quantity, and its amount. */
  record OneLineFormPlan(int customerIndex, Instant createdAt, int item, int quantity, BigDecimal amount) {}

  OneLineFormPlan oneLineForm(OneLineForms forms, int index) {
    int customer = index * forms.every() + forms.offset();
    Instant customerCreated = customerTimes(customer)[0];
    SplittableRandom random = random(forms.stream(), index);
    long window = Math.max(3600, Duration.between(customerCreated, anchor).toSeconds() - 3600);
    Instant createdAt = customerCreated.plusSeconds(random.nextLong(window));
    int item = random.nextInt(CATALOG.size());
    int quantity = 1 + random.nextInt(3);
    BigDecimal amount = new BigDecimal(CATALOG.get(item)[2]).multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
    return new OneLineFormPlan(customer, createdAt, item, quantity, amount);
  }

  /** What an invoice is: whose, when, which items, and how much of it was paid when (null: unpaid). */
  record InvoicePlan(int customerIndex, Instant createdAt, int[] items, int[] quantities, BigDecimal total,
      BigDecimal paid, Instant paidAt) {}

  InvoicePlan invoice(int index) {
    int customer = findRange(firstInvoice, index);
    Instant customerCreated = customerTimes(customer)[0];
    SplittableRandom random = random("invoice", index);
    long window = Math.max(3600, Duration.between(customerCreated, anchor).toSeconds() - 3600);
    Instant createdAt = customerCreated.plusSeconds(random.nextLong(window));
    int lineCount = 1 + random.nextInt(4);
    int[] items = new int[lineCount];
    int[] quantities = new int[lineCount];
    BigDecimal total = BigDecimal.ZERO;
    for (int n = 0; n < lineCount; n++) {
      items[n] = random.nextInt(CATALOG.size());
      quantities[n] = 1 + random.nextInt(10);
      total = total.add(new BigDecimal(CATALOG.get(items[n])[2]).multiply(BigDecimal.valueOf(quantities[n])));
    }
    total = total.setScale(2, RoundingMode.HALF_UP);
    int outcome = random.nextInt(20);
    Instant paidAt = createdAt.plus(Duration.ofDays(3 + random.nextInt(43))).plusSeconds(random.nextInt(86_400));
    if (outcome < 5 || !paidAt.isBefore(anchor)) {
      return new InvoicePlan(customer, createdAt, items, quantities, total, BigDecimal.ZERO.setScale(2), null);
    }
    BigDecimal paid = outcome < 8 ? total.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN) : total;
    return new InvoicePlan(customer, createdAt, items, quantities, total, paid, paidAt);
  }

  /** The i such that starts[i] <= position < starts[i + 1] (starts ascending; empty ranges allowed). */
  private static int findRange(int[] starts, int position) {
    int low = 0;
    int high = starts.length - 2;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (starts[middle] <= position) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  private static ObjectNode header(long id, int syncToken, Instant created, Instant updated) {
    return QboCompany.withSystemFields(Json.object(), id, syncToken, created, updated);
  }

  /** Unique for every index: a permutation of the combinations, then a numeral for later rounds. */
  static String companyName(long index) {
    long slot = (index % NAME_COMBINATIONS) * STRIDE % NAME_COMBINATIONS;
    long round = index / NAME_COMBINATIONS;
    String place = PLACES.get((int) (slot % PLACES.size()));
    String trade = TRADES.get((int) (slot / PLACES.size() % TRADES.size()));
    String suffix = SUFFIXES.get((int) (slot / PLACES.size() / TRADES.size()));
    String name = place + " " + trade + (suffix.isEmpty() ? "" : " " + suffix);
    return round == 0 ? name : name + " " + (round + 1);
  }

  /** STRIDE's inverse modulo NAME_COMBINATIONS: slot * INVERSE_STRIDE mod NAME_COMBINATIONS = index mod NAME_COMBINATIONS. */
  private static final long INVERSE_STRIDE = BigInteger.valueOf(STRIDE).modInverse(BigInteger.valueOf(NAME_COMBINATIONS))
      .longValue();
  /** Base company names (lowercase) to their slot, for {@link #companyIndex}; needs INVERSE_STRIDE first. */
  private static final Map<String, Integer> SLOTS_BY_NAME = slotsByName();

  /** The customer index whose name this is (lowercase), or -1: {@link #companyName} run backwards. */
  static long companyIndex(String lowercaseName) {
    RoundOfName name = RoundOfName.of(lowercaseName);
    Integer slot = SLOTS_BY_NAME.get(name.base());
    if (slot == null) {
      return -1;
    }
    long index = name.round() * NAME_COMBINATIONS + slot * INVERSE_STRIDE % NAME_COMBINATIONS;
    return companyName(index).equalsIgnoreCase(lowercaseName) ? index : -1;
  }

  /** A demo name without the numeral of its round: "harbor bakery llc 3" is round 2 of "harbor bakery llc". */
  private record RoundOfName(String base, long round) {
    static RoundOfName of(String lowercaseName) {
      int space = lowercaseName.lastIndexOf(' ');
      if (space > 0 && lowercaseName.substring(space + 1).matches("[1-9]\\d{0,6}")) {
        long numeral = Long.parseLong(lowercaseName.substring(space + 1));
        if (numeral >= 2) {
          return new RoundOfName(lowercaseName.substring(0, space), numeral - 1);
        }
      }
      return new RoundOfName(lowercaseName, 0);
    }
  }

  /** Unique for every index: each place with each supply, then a numeral for later rounds. */
  static String vendorName(long index) {
    long slot = index % VENDOR_NAMES;
    long round = index / VENDOR_NAMES;
    String name = PLACES.get((int) (slot % PLACES.size())) + " " + SUPPLIES.get((int) (slot / PLACES.size()));
    return round == 0 ? name : name + " " + (round + 1);
  }

  /** The vendor index whose name this is (lowercase), or -1: {@link #vendorName} run backwards. */
  static long vendorIndex(String lowercaseName) {
    RoundOfName name = RoundOfName.of(lowercaseName);
    Integer slot = VENDOR_SLOTS_BY_NAME.get(name.base());
    if (slot == null) {
      return -1;
    }
    long index = name.round() * VENDOR_NAMES + slot;
    return vendorName(index).equalsIgnoreCase(lowercaseName) ? index : -1;
  }

  private static Map<String, Integer> vendorSlotsByName() {
    Map<String, Integer> slots = new HashMap<>();
    for (int slot = 0; slot < VENDOR_NAMES; slot++) {
      slots.put(vendorName(slot).toLowerCase(Locale.ROOT), slot);
    }
    return slots;
  }

  private static Map<String, Integer> slotsByName() {
    Map<String, Integer> slots = new HashMap<>();
    for (int slot = 0; slot < NAME_COMBINATIONS; slot++) {
      long index = slot * INVERSE_STRIDE % NAME_COMBINATIONS;
      slots.put(companyName(index).toLowerCase(Locale.ROOT), slot);
    }
    return slots;
  }

  private static String domain(String companyName) {
    return companyName.toLowerCase(Locale.ROOT).replace("&", "and").replaceAll("[^a-z0-9]", "") + ".example.com";
  }

  private SplittableRandom random(String kind, long index) {
    return new SplittableRandom(seed * 31 + kind.hashCode() * 1_000_003L + index * 0x9E3779B97F4A7C15L);
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
