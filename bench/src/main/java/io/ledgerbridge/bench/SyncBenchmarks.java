package io.ledgerbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.SandboxApi;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmarks of real syncs, QuickBooks to Salesforce, printed as tables. Timings are reported, never
 * asserted (machines are noisy); a broken correctness invariant (a rerun that writes, a count that
 * does not match) makes the process exit non-zero, which fails the Maven build.
 *
 * <p>Run: {@code mvn -B -Pbench -pl bench -am verify -DskipTests}; add {@code -Dbench.large=true}
 * for a 100,000-customer first sync.
 */
public final class SyncBenchmarks {
  private static final double MB = 1024.0 * 1024.0;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final List<String> failures = new ArrayList<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  private SyncBenchmarks() {}

  public static void main(String[] args) {
    boolean large = Boolean.getBoolean("bench.large");
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "LedgerBridge sync benchmarks%nJVM: %s %s (%s), %d cores, max heap %.0f MB, %s %s%n%n",
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
        rt.availableProcessors(), rt.maxMemory() / MB, System.getProperty("os.name"), System.getProperty("os.arch"));

    warmUp();
    List<Integer> sizes = new ArrayList<>(List.of(1_000, 10_000));
    if (large) {
      sizes.add(100_000);
    }
    List<CustomerFigures> customerFigures = new ArrayList<>();
    for (int n : sizes) {
      customerFigures.add(customers(n));
    }
    printCustomers(customerFigures);
    CustomerFigures largest = customerFigures.get(customerFigures.size() - 1);
    Step inCollections = firstSyncInCollections(largest.n());
    printBulkVersusCollections(largest, inCollections);

    InvoiceFigures invoices = invoices(1_000);
    printInvoices(invoices);

    AccountFigures accounts = accounts(Integer.getInteger("bench.accounts", 6_000));
    printAccounts(accounts);

    printCallsOverMinimum(customerFigures, invoices, accounts, perObject(Integer.getInteger("bench.perObject.customers", 300)));

    printTwoCompanies(twoCompanies(Integer.getInteger("bench.twoCompanies.accounts", 3_000)));

    if (!large) {
      System.out.println("(100,000-customer first sync skipped; add -Dbench.large=true)");
    }
    if (!failures.isEmpty()) {
      System.out.println();
      System.out.println("CORRECTNESS FAILURES:");
      failures.forEach(f -> System.out.println("  - " + f));
      System.out.flush();
      System.exit(1);
    }
    System.out.println();
    System.out.println("All correctness invariants held.");
    System.out.flush();
    System.exit(0); // the sandbox's and Temporal's threads must not keep the JVM alive
  }

  /** A small sync first, so class loading and JIT warm-up do not land on the 1,000-customer figures. */
  private static void warmUp() {
    try (BenchEnvironment env = new BenchEnvironment(200)) {
      env.sync(SyncObject.CUSTOMER);
      env.sync(SyncObject.CUSTOMER);
    }
  }

  // ---- Customers: first sync, rerun with no change, one change ----

  record Step(long nanos, long sfCalls, long qboCalls, long qboCorePlus, long qboThrottled, long errorCalls, long writes, ObjectSyncResult result, Heap heap,
      java.util.Map<String, Long> endpoints) {
    double seconds() {
      return nanos / 1e9;
    }
  }

  record CustomerFigures(int n, Step first, Step rerun, Step oneChange) {}

  private static CustomerFigures customers(int n) {
    long seedStart = System.nanoTime();
    try (BenchEnvironment env = new BenchEnvironment(n)) {
      System.out.printf(Locale.ROOT, "[%,d customers] sandbox seeded and connected in %.1f s%n", n,
          (System.nanoTime() - seedStart) / 1e9);
      int qboCustomers = env.qboCount("Customer");

      Step first = measure(env, () -> env.sync(SyncObject.CUSTOMER));
      int accounts = env.count("SELECT COUNT() FROM Account WHERE QBO_Id__c != null");
      check(qboCustomers == n, n + " customers: the sandbox holds " + qboCustomers + " QBO customers");
      check(accounts == qboCustomers, n + " customers: " + accounts + " linked Accounts after the first sync, expected "
          + qboCustomers);
      check(first.result().counts().created() == qboCustomers,
          n + " customers: first sync created " + first.result().counts().created() + ", expected " + qboCustomers);
      check(first.result().counts().failed() == 0 && first.result().counts().deferred() == 0,
          n + " customers: first sync " + first.result());

      Step rerun = measure(env, () -> env.sync(SyncObject.CUSTOMER));
      check(rerun.writes() == 0, n + " customers: the rerun with no change wrote " + rerun.writes() + " times");
      check(rerun.result().counts().created() == 0 && rerun.result().counts().updated() == 0,
          n + " customers: the rerun with no change " + rerun.result());

      String id = env.someCustomerId();
      String newName = "Renamed by bench " + n;
      env.renameCustomer(id, newName);
      Step change = measure(env, () -> env.sync(SyncObject.CUSTOMER));
      int renamed = env.count("SELECT COUNT() FROM Account WHERE Name = '" + newName + "'");
      check(change.result().counts().updated() == 1 && change.result().counts().created() == 0,
          n + " customers: one changed customer gave " + change.result());
      check(renamed == 1, n + " customers: " + renamed + " Accounts carry the new name, expected 1");
      check(env.count("SELECT COUNT() FROM Account WHERE QBO_Id__c != null") == qboCustomers,
          n + " customers: Account count changed after one update");
      return new CustomerFigures(n, first, rerun, change);
    }
  }

  /** A first sync of {@code n} customers with bulk jobs off (LEDGERBRIDGE_SALESFORCE_BULK_THRESHOLD=0): collections of 200. */
  private static Step firstSyncInCollections(int n) {
    try (BenchEnvironment env = new BenchEnvironment(n, 0)) {
      Step first = measure(env, () -> env.sync(SyncObject.CUSTOMER));
      int accounts = env.count("SELECT COUNT() FROM Account WHERE QBO_Id__c != null");
      check(accounts == n && first.result().counts().created() == n,
          n + " customers without bulk jobs: " + accounts + " linked Accounts, " + first.result());
      check(first.endpoints().keySet().stream().noneMatch(endpoint -> endpoint.contains("/jobs/ingest")),
          n + " customers without bulk jobs: a bulk job was used");
      return first;
    }
  }

  private static void printBulkVersusCollections(CustomerFigures bulk, Step collections) {
    System.out.println();
    System.out.printf(Locale.ROOT, "=== Customer -> Account, %,d, first sync: bulk jobs (threshold %,d) vs collections"
        + " (threshold 0) ===%n", bulk.n(), BenchEnvironment.BULK_THRESHOLD_DEFAULT);
    String format = "%-24s%16s%16s%n";
    System.out.printf(Locale.ROOT, format, "", "bulk jobs", "collections");
    System.out.printf(Locale.ROOT, format, "wall time", num("%.2f s", bulk.first().seconds()),
        num("%.2f s", collections.seconds()));
    System.out.printf(Locale.ROOT, format, "Salesforce calls", num("%,d", bulk.first().sfCalls()),
        num("%,d", collections.sfCalls()));
    System.out.printf(Locale.ROOT, format, "QBO calls", num("%,d", bulk.first().qboCalls()),
        num("%,d", collections.qboCalls()));
    check(bulk.first().endpoints().keySet().stream().anyMatch(endpoint -> endpoint.contains("/jobs/ingest")),
        bulk.n() + " customers: no bulk job used at or above the threshold");
  }

  // ---- Invoices with lines ----

  record InvoiceFigures(int customers, int items, int invoices, int lines, Step customerStep, Step itemStep,
      Step invoiceStep, Step rerun) {}

  private static InvoiceFigures invoices(int n) {
    try (BenchEnvironment env = new BenchEnvironment(n)) {
      int qboItems = env.qboCount("Item");
      int qboInvoices = env.qboCount("Invoice");
      Step customers = measure(env, () -> env.sync(SyncObject.CUSTOMER));
      Step items = measure(env, () -> env.sync(SyncObject.ITEM));
      Step invoices = measure(env, () -> env.sync(SyncObject.INVOICE));
      int sfInvoices = env.count("SELECT COUNT() FROM Invoice__c");
      int sfLines = env.count("SELECT COUNT() FROM Invoice_Line__c");
      int products = env.count("SELECT COUNT() FROM Product2 WHERE QBO_Id__c != null");
      check(products == qboItems, "invoices: " + products + " linked Product2 for " + qboItems + " QBO items");
      check(sfInvoices == qboInvoices, "invoices: " + sfInvoices + " Invoice__c for " + qboInvoices + " QBO invoices");
      check(invoices.result().counts().failed() == 0 && invoices.result().counts().deferred() == 0, "invoices: " + invoices.result());
      check(sfLines > 0, "invoices: no Invoice_Line__c was written");
      Step rerun = measure(env, () -> env.sync(SyncObject.INVOICE));
      check(rerun.writes() == 0, "invoices: the rerun with no change wrote " + rerun.writes() + " times");
      return new InvoiceFigures(n, qboItems, qboInvoices, sfLines, customers, items, invoices, rerun);
    }
  }

  // ---- Accounts to QuickBooks customers ----

  record AccountFigures(int n, Step first, Step rerun) {}

  /** New Accounts to QuickBooks against a sandbox that enforces Intuit's throttles, as Intuit would. */
  private static AccountFigures accounts(int n) {
    try (BenchEnvironment env = new BenchEnvironment(0, true)) {
      env.createAccounts(n);
      int customersBefore = env.qboCount("Customer");
      int unlinked = env.count("SELECT COUNT() FROM Account WHERE QBO_Id__c = null");
      Step first = measure(env, () -> env.sync(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO));
      check(first.result().counts().created() == unlinked,
          n + " accounts: first sync created " + first.result().counts().created() + " customers, expected " + unlinked);
      check(env.qboCount("Customer") == customersBefore + unlinked,
          n + " accounts: QuickBooks holds " + env.qboCount("Customer") + " customers, expected " + (customersBefore + unlinked));
      check(env.count("SELECT COUNT() FROM Account WHERE QBO_Id__c = null") == 0,
          n + " accounts: some Accounts did not get their QuickBooks key written back");
      Step rerun = measure(env, () -> env.sync(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO));
      check(rerun.writes() == 0, n + " accounts: the rerun with no change wrote " + rerun.writes() + " times");
      return new AccountFigures(unlinked, first, rerun);
    }
  }

  private static void printAccounts(AccountFigures f) {
    System.out.println();
    System.out.printf(Locale.ROOT, "=== Customer, Salesforce Account -> QuickBooks, %,d new Accounts, the sandbox enforcing"
        + " Intuit's throttles ===%n", f.n());
    Step first = f.first();
    double perMinute = f.n() / first.seconds() * 60;
    System.out.printf(Locale.ROOT, "first sync              %8.2f s  (%,.0f records a minute = %.2f x Intuit's bound of 1,200:"
        + " 40 batch calls a minute of 30 records)%n", first.seconds(), perMinute, perMinute / 1200);
    System.out.printf(Locale.ROOT, "QuickBooks calls        %8d    (%.1f records per call; %d answered 429 = %.2f%% of calls)%n",
        first.qboCalls(), f.n() / (double) first.qboCalls(), first.qboThrottled(),
        100.0 * first.qboThrottled() / first.qboCalls());
    System.out.printf(Locale.ROOT, "Salesforce calls        %8d    (%.1f records per call)%n", first.sfCalls(),
        f.n() / (double) Math.max(1, first.sfCalls()));
    System.out.printf(Locale.ROOT, "rerun without changes   %8.2f s, %d writes, %d QuickBooks calls%n", f.rerun().seconds(),
        f.rerun().writes(), f.rerun().qboCalls());
    printEndpoints("Account -> Customer first sync", first);
  }

  // ---- Two companies at once ----

  /** What two companies' runs, at once, did: how long until both ended, and the QuickBooks calls of each. */
  record TwoCompanyFigures(int perCompany, double seconds, long customers, long vendors, Map<String, Long> answeredByCompany,
      long qboCalls, long throttled) {}

  /**
   * One Salesforce org, two QuickBooks companies, each syncing its own new Accounts at the same time: company A
   * takes the customers, company B the vendors (the two mappings split Accounts by Type). Intuit's throttles
   * count per company and app, so each company has its own budget and together they may write twice as fast.
   */
  private static TwoCompanyFigures twoCompanies(int n) {
    try (BenchEnvironment env = new BenchEnvironment(0, true)) {
      String companyA = env.realmId;
      String companyB = env.connectAnotherCompany("9341452000000002");
      env.createAccounts(n, "Bench Customer Account", null);
      env.createAccounts(n, "Bench Vendor Account", "Vendor");
      int newCustomers = env.count("SELECT COUNT() FROM Account WHERE QBO_Id__c = null AND Type != 'Vendor'");
      int customersBefore = env.qboCount(companyA, "Customer");
      env.resetCounters();
      long start = System.nanoTime();
      ExecutorService companies = Executors.newFixedThreadPool(2);
      Future<ObjectSyncResult> customers =
          companies.submit(() -> env.sync(companyA, SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO));
      Future<ObjectSyncResult> vendors =
          companies.submit(() -> env.sync(companyB, SyncObject.require("Vendor"), SyncDirection.SALESFORCE_TO_QBO));
      ObjectSyncResult customerResult = done(customers);
      ObjectSyncResult vendorResult = done(vendors);
      double seconds = (System.nanoTime() - start) / 1e9;
      companies.shutdown();

      check(customerResult.counts().created() == newCustomers && customerResult.counts().failed() == 0,
          "two companies: company A's customers " + customerResult + ", expected " + newCustomers + " created");
      check(vendorResult.counts().created() == n && vendorResult.counts().failed() == 0,
          "two companies: company B's vendors " + vendorResult + ", expected " + n + " created");
      check(env.qboCount(companyA, "Customer") == customersBefore + newCustomers,
          "two companies: company A holds " + env.qboCount(companyA, "Customer") + " customers, expected "
              + (customersBefore + newCustomers));
      check(env.qboCount(companyA, "Vendor") == 0, "two companies: a vendor was written to company A");
      check(env.qboCount(companyB, "Vendor") == n,
          "two companies: company B holds " + env.qboCount(companyB, "Vendor") + " vendors, expected " + n);
      check(env.qboCount(companyB, "Customer") == 0, "two companies: a customer was written to company B");
      check(env.count("SELECT COUNT() FROM Account WHERE QBO_Id__c = null") == 0,
          "two companies: some Accounts did not get their QuickBooks key written back");
      return new TwoCompanyFigures(n, seconds, customerResult.counts().created(), vendorResult.counts().created(),
          Map.of("A", env.qboCallsAnswered(companyA), "B", env.qboCallsAnswered(companyB)),
          env.calls(SandboxApi.QUICKBOOKS), env.callsAnswered(SandboxApi.QUICKBOOKS, 429));
    }
  }

  private static ObjectSyncResult done(Future<ObjectSyncResult> run) {
    try {
      return run.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while two companies synced", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a company's sync failed", e.getCause());
    }
  }

  private static void printTwoCompanies(TwoCompanyFigures f) {
    System.out.println();
    System.out.printf(Locale.ROOT, "=== Two QuickBooks companies at once, Salesforce -> QuickBooks, %,d new Accounts each"
        + " (A: customers, B: vendors), the sandbox enforcing Intuit's throttles per company ===%n", f.perCompany());
    long records = f.customers() + f.vendors();
    double perMinute = records / f.seconds() * 60;
    System.out.printf(Locale.ROOT, "both synced in          %8.2f s  (%,d records, %,.0f a minute = %.2f x one company's bound"
        + " of 1,200, %.2f x the two companies' 2,400)%n", f.seconds(), records, perMinute, perMinute / 1200, perMinute / 2400);
    System.out.printf(Locale.ROOT, "QuickBooks calls        %8d    (A answered %d, B answered %d; %d answered 429 = %.2f%% of calls)%n",
        f.qboCalls(), f.answeredByCompany().get("A"), f.answeredByCompany().get("B"), f.throttled(),
        100.0 * f.throttled() / Math.max(1, f.qboCalls()));
  }

  // ---- measuring ----

  /** Heap used before (after GC), peak while running (sampled), after (after GC), in bytes. */
  record Heap(long before, long peak, long after) {}

  private static Step measure(BenchEnvironment env, java.util.function.Supplier<ObjectSyncResult> sync) {
    long before = usedAfterGc();
    env.resetCounters();
    AtomicLong peak = new AtomicLong(before);
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    ObjectSyncResult result = sync.get();
    long nanos = System.nanoTime() - start;
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long sf = env.calls(SandboxApi.SALESFORCE);
    long qb = env.calls(SandboxApi.QUICKBOOKS);
    long errors = env.errorCalls(SandboxApi.SALESFORCE) + env.errorCalls(SandboxApi.QUICKBOOKS);
    long writes = env.syncWrites.get();
    java.util.Map<String, Long> endpoints = new java.util.TreeMap<>();
    for (SandboxApi api : SandboxApi.values()) {
      env.sandbox.callCounts(api).forEach((k, v) -> {
        if (!k.startsWith("status ") && !k.startsWith("class ")) {
          endpoints.put((api == SandboxApi.QUICKBOOKS ? "QBO " : "SF  ") + k, v);
        }
      });
    }
    long after = usedAfterGc();
    return new Step(nanos, sf, qb, env.sandbox.callCounts(SandboxApi.QUICKBOOKS).getOrDefault("class CorePlus", 0L),
        env.callsAnswered(SandboxApi.QUICKBOOKS, 429), errors, writes, result,
        new Heap(before, peak.get(), after), endpoints);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private static void check(boolean holds, String what) {
    if (!holds) {
      failures.add(what);
      System.out.println("  FAILED: " + what);
    }
  }

  // ---- printing ----

  private static void printCustomers(List<CustomerFigures> all) {
    System.out.println();
    System.out.println("=== Customer, QuickBooks -> Salesforce Account ===");
    String format = "%-24s" + "%16s".repeat(all.size()) + "%n";
    Object[] header = new Object[all.size() + 1];
    header[0] = "customers (N)";
    for (int i = 0; i < all.size(); i++) {
      header[i + 1] = String.format(Locale.ROOT, "%,d", all.get(i).n());
    }
    System.out.printf(Locale.ROOT, format, header);
    row(format, all, "-- first sync --", f -> "");
    row(format, all, "wall time", f -> secs(f.first()));
    row(format, all, "records/s", f -> num("%,.0f", f.first().result().counts().created() / f.first().seconds()));
    row(format, all, "created", f -> num("%,d", f.first().result().counts().created()));
    row(format, all, "Salesforce calls", f -> num("%,d", f.first().sfCalls()));
    row(format, all, "  of which writes", f -> num("%,d", f.first().writes()));
    row(format, all, "QBO calls", f -> num("%,d", f.first().qboCalls()));
    row(format, all, "  CorePlus per 1k rec", f -> num("%.2f", f.first().qboCorePlus() * 1000.0 / f.n()));
    row(format, all, "non-2xx answers", f -> num("%,d", f.first().errorCalls()));
    row(format, all, "records per SF call", f -> num("%.1f", (double) f.first().result().counts().created() / f.first().sfCalls()));
    row(format, all, "records per QBO call", f -> num("%.1f", (double) f.first().result().counts().read() / f.first().qboCalls()));
    row(format, all, "heap before (MB)", f -> mb(f.first().heap().before()));
    row(format, all, "heap peak (MB)", f -> mb(f.first().heap().peak()));
    row(format, all, "heap after GC (MB)", f -> mb(f.first().heap().after()));
    row(format, all, "peak-before per 1k rec", f -> num("%.2f MB",
        (f.first().heap().peak() - f.first().heap().before()) / MB * 1000.0 / f.n()));
    row(format, all, "retained per 1k rec", f -> num("%.2f MB",
        (f.first().heap().after() - f.first().heap().before()) / MB * 1000.0 / f.n()));
    row(format, all, "-- rerun, no change --", f -> "");
    row(format, all, "wall time", f -> secs(f.rerun()));
    row(format, all, "read / unchanged", f -> f.rerun().result().counts().read() + " / " + f.rerun().result().counts().unchanged());
    row(format, all, "writes", f -> num("%,d", f.rerun().writes()));
    row(format, all, "Salesforce calls", f -> num("%,d", f.rerun().sfCalls()));
    row(format, all, "QBO calls", f -> num("%,d", f.rerun().qboCalls()));
    row(format, all, "  CorePlus (metered)", f -> num("%,d", f.rerun().qboCorePlus()));
    row(format, all, "  CorePlus/month @15min", f -> num("%,d", f.rerun().qboCorePlus() * 4 * 24 * 30));
    row(format, all, "rerun/first time", f -> num("%.3f", f.rerun().seconds() / f.first().seconds()));
    row(format, all, "heap peak (MB)", f -> mb(f.rerun().heap().peak()));
    row(format, all, "-- one customer changed --", f -> "");
    row(format, all, "wall time", f -> secs(f.oneChange()));
    row(format, all, "read / updated", f -> f.oneChange().result().counts().read() + " / " + f.oneChange().result().counts().updated());
    row(format, all, "writes", f -> num("%,d", f.oneChange().writes()));
    row(format, all, "Salesforce calls", f -> num("%,d", f.oneChange().sfCalls()));
    row(format, all, "QBO calls", f -> num("%,d", f.oneChange().qboCalls()));
    row(format, all, "  CorePlus (metered)", f -> num("%,d", f.oneChange().qboCorePlus()));
    row(format, all, "one-change/first time", f -> num("%.3f", f.oneChange().seconds() / f.first().seconds()));
    if (all.size() > 1) {
      CustomerFigures a = all.get(0);
      CustomerFigures b = all.get(all.size() - 1);
      System.out.printf(Locale.ROOT,
          "scaling %,d -> %,d customers (x%.0f): first sync time x%.1f, rerun time x%.1f, one-change time x%.1f%n",
          a.n(), b.n(), (double) b.n() / a.n(), b.first().seconds() / a.first().seconds(),
          b.rerun().seconds() / a.rerun().seconds(), b.oneChange().seconds() / a.oneChange().seconds());
    }
    CustomerFigures last = all.get(all.size() - 1);
    printEndpoints(String.format(Locale.ROOT, "first sync of %,d customers", last.n()), last.first());
  }

  // ---- Calls against the fewest the work allows, per object and direction ----

  /** A run's calls and the fewest its work allows on each side, with why when a run cannot reach them. */
  record Minimum(String what, Step step, long salesforce, long quickBooks) {}

  /** Salesforce objects whose fields the preflight describes before an object's first sync writes to them. */
  private static final Map<SyncObject, Integer> DESCRIBED = Map.of(SyncObject.CUSTOMER, 1, SyncObject.ITEM, 2,
      SyncObject.INVOICE, 2, SyncObject.require("CreditMemo"), 2, SyncObject.PAYMENT, 2);

  /**
   * A first sync's QuickBooks calls: query pages of 1,000 until one that is not full (only such a page says the
   * query has ended), and one {@code COUNT} when the first page is full, which chooses collections or bulk jobs.
   */
  private static long qboFirstSync(long records) {
    return pages(records + 1, 1000) + (records >= 1000 ? 1 : 0);
  }

  /**
   * QuickBooks to Salesforce then Salesforce to QuickBooks, per object: a first sync, a run with nothing changed, a
   * run with one record changed (and, from Salesforce, the run after a first sync, which reads the keys it wrote
   * back), in one sandbox company of {@code customers} customers with its demo items, invoices, credit memos and
   * payments.
   */
  private static List<Minimum> perObject(int customers) {
    List<Minimum> rows = new ArrayList<>();
    try (BenchEnvironment env = new BenchEnvironment(customers)) {
      record Change(SyncObject object, String entity, String salesforceObject, String lineObject, ObjectNode fields,
          long changeCalls) {}
      List<Change> objects = List.of(
          new Change(SyncObject.CUSTOMER, "Customer", "Account", null, JSON.createObjectNode().put("DisplayName", "Bench Renamed"), 2),
          new Change(SyncObject.ITEM, "Item", "Product2", null, JSON.createObjectNode().put("Description", "Bench changed"), 3),
          new Change(SyncObject.INVOICE, "Invoice", "Invoice__c", "Invoice_Line__c", JSON.createObjectNode().put("DueDate", "2030-01-31"), 4),
          new Change(SyncObject.require("CreditMemo"), "CreditMemo", "Credit_Memo__c", "Credit_Memo_Line__c",
              JSON.createObjectNode().put("PrivateNote", "Bench changed"), 4),
          new Change(SyncObject.PAYMENT, "Payment", "Payment__c", "Payment_Line__c", JSON.createObjectNode().put("TxnDate", "2030-01-31"), 4));
      boolean firstCall = true;
      for (Change c : objects) {
        String name = c.object().displayName() + " -> " + c.salesforceObject() + ", ";
        Step first = measure(env, () -> env.sync(c.object()));
        long records = first.result().counts().read();
        check(first.result().counts().failed() == 0 && first.result().counts().deferred() == 0, name + "first sync " + first.result());
        long lines = c.lineObject() == null ? 0 : env.count("SELECT COUNT() FROM " + c.lineObject());
        // Setup: the session (the environment's first call), the preflight's describes, the standard price book's id.
        long setup = (firstCall ? 1 : 0) + DESCRIBED.get(c.object()) + (c.object() == SyncObject.ITEM ? 1 : 0);
        long writes = pages(records, 200) + pages(lines, 200) + (c.object() == SyncObject.ITEM ? pages(records, 200) : 0);
        rows.add(new Minimum(String.format(Locale.ROOT, "%sfirst sync, %,d%s", name, records,
            lines == 0 ? "" : String.format(Locale.ROOT, " with %,d lines", lines)), first, setup + writes,
            qboFirstSync(records) + (c.lineObject() == null ? 0 : 1)));
        firstCall = false;
        Step idle = measure(env, () -> env.sync(c.object()));
        check(idle.writes() == 0, name + "the run with nothing changed wrote " + idle.writes() + " times");
        rows.add(new Minimum(name + "nothing changed", idle, 0, 1));
        env.changeInQuickBooks(c.entity(), env.someId(c.entity()), c.fields());
        Step one = measure(env, () -> env.sync(c.object()));
        check(one.result().counts().updated() == 1, name + "one record changed gave " + one.result());
        rows.add(new Minimum(name + "one changed", one, c.changeCalls(), 1));
      }
    }
    try (BenchEnvironment env = new BenchEnvironment(0, false)) {
      int accounts = Math.max(1, customers);
      env.createAccounts(accounts);
      String name = "Account -> Customer, ";
      int unlinked = env.count("SELECT COUNT() FROM Account WHERE QBO_Id__c = null");
      Step first = measure(env, () -> env.sync(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO));
      check(first.result().counts().created() == unlinked, name + "first sync " + first.result() + ", expected " + unlinked);
      rows.add(new Minimum(String.format(Locale.ROOT, "%sfirst sync, %,d", name, unlinked), first,
          1 + 1 + pages(unlinked, 2000) + pages(unlinked, 200), pages(unlinked, 30)));
      Step afterFirst = measure(env, () -> env.sync(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO));
      check(afterFirst.writes() == 0, name + "the run after the first wrote " + afterFirst.writes() + " times");
      rows.add(new Minimum(name + "the run after it (reads the keys written back)", afterFirst, 1, 0));
      aSecondLater();
      Step idle = measure(env, () -> env.sync(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO));
      check(idle.writes() == 0, name + "the run with nothing changed wrote " + idle.writes() + " times");
      rows.add(new Minimum(name + "nothing changed", idle, 1, 0));
      env.changeInSalesforce("Account", env.someSalesforceId("SELECT Id FROM Account WHERE QBO_Id__c != null LIMIT 1"),
          JSON.createObjectNode().put("Phone", "(303) 555-0199"));
      Step one = measure(env, () -> env.sync(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO));
      check(one.result().counts().updated() == 1, name + "one record changed gave " + one.result());
      // The customer's current SyncToken, read before the update is sent.
      rows.add(new Minimum(name + "one changed", one, 1, 2));

      int products = Math.max(1, customers / 10);
      env.createProducts(products);
      name = "Product2 -> Item, ";
      Step firstItems = measure(env, () -> env.sync(SyncObject.ITEM, SyncDirection.SALESFORCE_TO_QBO));
      check(firstItems.result().counts().created() == products, name + "first sync " + firstItems.result());
      // The preflight's describes, the standard price book's id, the query, the standard prices read with the
      // products, the keys written back; in QuickBooks the chart of accounts, read once by a run that creates items.
      rows.add(new Minimum(String.format(Locale.ROOT, "%sfirst sync, %,d", name, products), firstItems,
          DESCRIBED.get(SyncObject.ITEM) + 1 + pages(products, 2000) + pages(products, 200) + pages(products, 200),
          1 + pages(products, 30)));
      aSecondLater();
      measure(env, () -> env.sync(SyncObject.ITEM, SyncDirection.SALESFORCE_TO_QBO));
      aSecondLater();
      Step idleItems = measure(env, () -> env.sync(SyncObject.ITEM, SyncDirection.SALESFORCE_TO_QBO));
      check(idleItems.writes() == 0, name + "the run with nothing changed wrote " + idleItems.writes() + " times");
      // The products' query and the standard prices changed since the cursor.
      rows.add(new Minimum(name + "nothing changed", idleItems, 2, 0));
    }
    return rows;
  }

  /**
   * Scheduled runs are minutes apart; one in the very second of the last write reads that second again (a cursor
   * whose instant was not over when Salesforce answered starts at that instant, inclusive), which a run a second
   * later does not.
   */
  private static void aSecondLater() {
    try {
      Thread.sleep(1_100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Each run's calls against the fewest its work allows: a Salesforce collection carries 200 records, a bulk job
   * 10,000 in five calls, and a query page 2,000; a QuickBooks query page 1,000 records and a batch 30; a run that
   * finds nothing changed needs one QuickBooks call to learn it (one change data capture answer, which also carries
   * a changed record); an update under SALESFORCE_WINS needs the Account's current version read before it is
   * written over, and an update of a record with lines or a price reads those too (another object, another query);
   * a first sync also needs its session and the preflight's look at the fields it writes, and a document object's
   * first run one read of the QuickBooks company's currency settings.
   */
  private static void printCallsOverMinimum(List<CustomerFigures> customers, InvoiceFigures invoices, AccountFigures accounts,
      List<Minimum> perObject) {
    List<Minimum> rows = new ArrayList<>();
    for (CustomerFigures f : customers) {
      String what = String.format(Locale.ROOT, "Customer -> Account, %,d, ", f.n());
      // At or above the bulk threshold a job of up to 10,000 records costs five calls: create, upload, close, one
      // look, its results. The session and the preflight's describe come first.
      long writes = f.n() >= BenchEnvironment.BULK_THRESHOLD_DEFAULT ? 5 * pages(f.n(), 10_000) : pages(f.n(), 200);
      rows.add(new Minimum(what + "first sync", f.first(), 2 + writes, qboFirstSync(f.n())));
      rows.add(new Minimum(what + "nothing changed", f.rerun(), 0, 1));
      rows.add(new Minimum(what + "one changed", f.oneChange(), 2, 1));
    }
    rows.add(new Minimum(String.format(Locale.ROOT, "Invoice -> Invoice__c, first sync, %,d with %,d lines", invoices.invoices(),
        invoices.lines()), invoices.invoiceStep(), 2 + pages(invoices.invoices(), 200) + pages(invoices.lines(), 200),
        qboFirstSync(invoices.invoices()) + 1));
    rows.add(new Minimum("Invoice -> Invoice__c, nothing changed", invoices.rerun(), 0, 1));
    rows.add(new Minimum(String.format(Locale.ROOT, "Account -> Customer, first sync, %,d", accounts.n()), accounts.first(),
        2 + pages(accounts.n(), 2000) + pages(accounts.n(), 200), pages(accounts.n(), 30)));
    rows.add(new Minimum("Account -> Customer, the run after it (reads the keys written back)", accounts.rerun(), 1, 0));
    rows.addAll(perObject);

    System.out.println();
    System.out.println("=== API calls / the fewest the page and batch sizes allow ===");
    String format = "%-66s%10s%6s%8s%10s%6s%8s%n";
    System.out.printf(Locale.ROOT, format, "", "SF calls", "min", "ratio", "QBO calls", "min", "ratio");
    for (Minimum row : rows) {
      System.out.printf(Locale.ROOT, format, row.what(), row.step().sfCalls(), row.salesforce(),
          ratio(row.step().sfCalls(), row.salesforce()), row.step().qboCalls(), row.quickBooks(),
          ratio(row.step().qboCalls(), row.quickBooks()));
    }
    for (Minimum row : perObject) {
      if (row.step().sfCalls() > row.salesforce() || row.step().qboCalls() > row.quickBooks()) {
        printEndpoints(row.what(), row.step());
      }
    }
  }

  private static long pages(long records, long perCall) {
    return (records + perCall - 1) / perCall;
  }

  private static String ratio(long calls, long minimum) {
    return minimum == 0 ? (calls == 0 ? "1.00" : "+" + calls) : num("%.2f", (double) calls / minimum);
  }

  private static void printEndpoints(String what, Step step) {
    System.out.println("API calls by endpoint, " + what + ":");
    step.endpoints().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %6d  %s%n", v, k));
  }

  private static void printInvoices(InvoiceFigures f) {
    System.out.println();
    System.out.printf(Locale.ROOT, "=== Invoices with lines, QuickBooks -> Salesforce, %,d customers ===%n", f.customers());
    System.out.printf(Locale.ROOT, "%-24s%14s%14s%14s%14s%n", "", "Customer", "Item", "Invoice", "Invoice rerun");
    Step[] steps = {f.customerStep(), f.itemStep(), f.invoiceStep(), f.rerun()};
    invoiceRow("wall time", steps, SyncBenchmarks::secs);
    invoiceRow("read", steps, s -> num("%,d", s.result().counts().read()));
    invoiceRow("created", steps, s -> num("%,d", s.result().counts().created()));
    invoiceRow("records/s", steps, s -> num("%,.0f", s.result().counts().read() / s.seconds()));
    invoiceRow("Salesforce calls", steps, s -> num("%,d", s.sfCalls()));
    invoiceRow("  of which writes", steps, s -> num("%,d", s.writes()));
    invoiceRow("QBO calls", steps, s -> num("%,d", s.qboCalls()));
    invoiceRow("records per SF call", steps, s -> num("%.1f", (double) s.result().counts().created() / Math.max(1, s.sfCalls())));
    invoiceRow("heap peak (MB)", steps, s -> mb(s.heap().peak()));
    System.out.printf(Locale.ROOT,
        "QBO: %,d items, %,d invoices; Salesforce: %,d Invoice_Line__c (%.1f lines per invoice); "
            + "SF records (invoices + lines) per SF call: %.1f; invoice rerun/first time: %.3f%n",
        f.items(), f.invoices(), f.lines(), (double) f.lines() / f.invoices(),
        (double) (f.invoiceStep().result().counts().created() + f.lines()) / f.invoiceStep().sfCalls(),
        f.rerun().seconds() / f.invoiceStep().seconds());
    printEndpoints("Item sync", f.itemStep());
    printEndpoints("Invoice sync", f.invoiceStep());
  }

  private static void row(String format, List<CustomerFigures> all, String label,
      java.util.function.Function<CustomerFigures, String> value) {
    Object[] cells = new Object[all.size() + 1];
    cells[0] = label;
    for (int i = 0; i < all.size(); i++) {
      cells[i + 1] = value.apply(all.get(i));
    }
    System.out.printf(Locale.ROOT, format, cells);
  }

  private static void invoiceRow(String label, Step[] steps, java.util.function.Function<Step, String> value) {
    System.out.printf(Locale.ROOT, "%-24s%14s%14s%14s%14s%n", label, value.apply(steps[0]), value.apply(steps[1]),
        value.apply(steps[2]), value.apply(steps[3]));
  }

  private static String secs(Step s) {
    return num("%.3f s", s.seconds());
  }

  private static String mb(long bytes) {
    return num("%.1f", bytes / MB);
  }

  private static String num(String format, Object value) {
    return String.format(Locale.ROOT, format, value);
  }
}
