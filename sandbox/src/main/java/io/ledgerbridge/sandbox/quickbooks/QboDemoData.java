package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic demo data: the record at index i depends only on (seed, i), so any record can be
 * regenerated alone and runs with the same seed see the same companies, people and addresses. Phone
 * numbers use the fictional 555-01xx range.
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
  /** City, state, ZIP triples that belong together. */
  private static final List<String[]> CITIES = List.of(
      new String[] {"San Francisco", "CA", "94107"}, new String[] {"Oakland", "CA", "94612"},
      new String[] {"San Jose", "CA", "95113"}, new String[] {"Sacramento", "CA", "95814"},
      new String[] {"Portland", "OR", "97205"}, new String[] {"Seattle", "WA", "98101"},
      new String[] {"Austin", "TX", "78701"}, new String[] {"Denver", "CO", "80202"},
      new String[] {"Phoenix", "AZ", "85004"}, new String[] {"Chicago", "IL", "60601"},
      new String[] {"Boston", "MA", "02108"}, new String[] {"Atlanta", "GA", "30303"},
      new String[] {"Madison", "WI", "53703"}, new String[] {"Boise", "ID", "83702"},
      new String[] {"Raleigh", "NC", "27601"}, new String[] {"Salt Lake City", "UT", "84111"});
  private static final int NAME_COMBINATIONS = PLACES.size() * TRADES.size() * SUFFIXES.size();
  /** Coprime with NAME_COMBINATIONS, so index * STRIDE mod combinations visits every name once. */
  private static final long STRIDE = 7919;
  /** How far back demo records were last changed: more than CDC's 30 days, so both paths have work. */
  static final Duration UPDATE_SPREAD = Duration.ofDays(90);

  private final long seed;
  private final Instant anchor;

  /** @param anchor "now" of the demo data: timestamps lie before it */
  QboDemoData(long seed, Instant anchor) {
    this.seed = seed;
    this.anchor = anchor;
  }

  /** A seeded customer with its times and SyncToken. */
  record SeededCustomer(ObjectNode body, Instant created, Instant updated, int syncToken) {}

  SeededCustomer customer(long index) {
    SplittableRandom random = random("customer", index);
    String companyName = companyName(index);
    String given = pick(random, GIVEN_NAMES);
    String family = pick(random, FAMILY_NAMES);
    ObjectNode customer = Json.object();
    customer.put("DisplayName", companyName);
    customer.put("CompanyName", companyName);
    customer.put("GivenName", given);
    customer.put("FamilyName", family);
    customer.putObject("PrimaryEmailAddr").put("Address",
        given.toLowerCase(Locale.ROOT) + "@" + domain(companyName));
    String[] city = pick(random, CITIES);
    customer.putObject("PrimaryPhone").put("FreeFormNumber",
        String.format("(%d) 555-01%02d", 200 + random.nextInt(790), random.nextInt(100)));
    ObjectNode billing = customer.putObject("BillAddr");
    billing.put("Line1", (100 + random.nextInt(9800)) + " " + pick(random, STREETS));
    billing.put("City", city[0]);
    billing.put("CountrySubDivisionCode", city[1]);
    billing.put("PostalCode", city[2]);
    billing.put("Country", "USA");
    customer.put("PreferredDeliveryMethod", random.nextInt(3) == 0 ? "Print" : "Email");
    customer.put("Taxable", random.nextBoolean());
    customer.put("Notes", "Customer since " + (2015 + random.nextInt(10)));
    long updatedSecondsAgo = 60 + random.nextLong(UPDATE_SPREAD.toSeconds());
    Instant updated = anchor.minusSeconds(updatedSecondsAgo);
    Instant created = updated.minusSeconds(random.nextLong(Duration.ofDays(3 * 365).toSeconds()));
    int syncToken = created.equals(updated) ? 0 : random.nextInt(6);
    return new SeededCustomer(customer, created, updated, syncToken);
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
