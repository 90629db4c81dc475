package io.ledgerbridge.activities.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SaveResult;
import io.ledgerbridge.activities.testing.SandboxFixture;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Query text built from record values: whatever a value holds (quotes, backslashes, a "') OR
 * ('" to break out, line breaks, any Unicode), its quoted literal reads back as exactly that value,
 * and the IN lists the sync builds find exactly the records holding those values, in the sandbox
 * whose query parsers stand in for QuickBooks' and Salesforce's. The literal readers here follow
 * the documented escape rules, not the code under test.
 */
class QueryLiteralProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SandboxFixture SANDBOX =
      new SandboxFixture(SandboxOptions.defaults().withSeedCustomers(5).withoutQboRateLimits());
  private static final QuickBooksClient QUICKBOOKS = SANDBOX.quickBooks();
  private static final String REALM_ID = SANDBOX.connect(QUICKBOOKS);
  private static final SyncEngine ENGINE =
      new SyncEngine(QUICKBOOKS, SANDBOX.salesforce(), SyncStores.on(SANDBOX.jdbc), Mappings.defaults(),
          SyncOptions.defaults());

  private record Literal(String value, int end) {}

  /**
   * A SOQL string literal at the start of {@code text}: a backslash escapes n, r, t, b, f (as
   * control characters), a quote, a double quote or a backslash; any other escape is an error; an
   * unescaped quote ends the literal.
   */
  private static Literal soqlLiteral(String text) {
    assertThat(text).startsWith("'");
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        return new Literal(value.toString(), i + 1);
      }
      if (c == '\\') {
        char escaped = text.charAt(++i);
        value.append(switch (escaped) {
          case 'n', 'N' -> '\n';
          case 'r', 'R' -> '\r';
          case 't', 'T' -> '\t';
          case 'b', 'B' -> '\b';
          case 'f', 'F' -> '\f';
          case '\'', '"', '\\' -> escaped;
          default -> throw new AssertionError("SOQL has no escape \\" + escaped + " in " + text);
        });
      } else {
        value.append(c);
      }
    }
    throw new AssertionError("unterminated literal: " + text);
  }

  /** A QuickBooks query string literal: a backslash takes the next character as it is; a quote ends it. */
  private static Literal qboLiteral(String text) {
    assertThat(text).startsWith("'");
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        return new Literal(value.toString(), i + 1);
      }
      value.append(c == '\\' ? text.charAt(++i) : c);
    }
    throw new AssertionError("unterminated literal: " + text);
  }

  @Property(tries = 2000)
  void aSoqlLiteralReadsBackAsTheValueAndEndsWhereItShould(@ForAll("anyText") String value) {
    String quoted = SalesforceClient.quote(value);

    assertThat(soqlLiteral(quoted)).isEqualTo(new Literal(value, quoted.length()));
  }

  @Property(tries = 2000)
  void aQuickBooksLiteralReadsBackAsTheValueAndEndsWhereItShould(@ForAll("anyText") String value) {
    String quoted = QuickBooksClient.quote(value);

    assertThat(qboLiteral(quoted)).isEqualTo(new Literal(value, quoted.length()));
  }

  @Property(tries = 40)
  void aSalesforceInListFindsExactlyTheRecordsNamedByTheValues(
      @ForAll("recordValues") List<String> names, @ForAll("recordValues") List<String> absent) {
    String tag = "p" + System.nanoTime() + " ";
    List<ObjectNode> accounts = new ArrayList<>();
    for (String name : names) {
      accounts.add(JSON.createObjectNode().put("Name", tag + name));
    }
    for (SaveResult saved : SANDBOX.salesforce().createAll("Account", accounts)) {
      assertThat(saved.success()).as("%s", saved.errors()).isTrue();
    }
    List<String> asked = new ArrayList<>();
    names.forEach(name -> asked.add(tag + name));
    absent.stream().filter(name -> !names.contains(name)).forEach(name -> asked.add(tag + "absent " + name));

    Set<String> found = ENGINE.salesforce.in("Account", "Id, Name", "Name", asked, null).stream()
        .map(account -> account.path("Name").asText())
        .collect(Collectors.toSet());

    assertThat(found).isEqualTo(names.stream().map(name -> tag + name).collect(Collectors.toSet()));
  }

  @Property(tries = 40)
  void aQuickBooksIdListFindsOnlyTheRecordsWithThoseIds(@ForAll("recordValues") List<String> hostileIds) {
    List<String> ids = new ArrayList<>(hostileIds);
    ids.add("1");
    ids.add("2");

    Set<String> found = ENGINE.quickBooks.byIds(REALM_ID, Mappings.defaults().require(SyncObject.CUSTOMER,
            SyncDirection.QBO_TO_SALESFORCE), ids).stream()
        .map(customer -> customer.path("Id").asText())
        .collect(Collectors.toSet());

    Set<String> expected = new HashSet<>(List.of("1", "2"));
    hostileIds.stream().filter(id -> id.matches("[1-5]")).forEach(expected::add);
    assertThat(found).isEqualTo(expected);
  }

  @AfterContainer
  static void stopSandbox() {
    SANDBOX.close();
  }

  /** Any text at all, lone surrogates and control characters too. */
  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("'\\\"%_()\n\r\t ,=ORAND").ofMaxLength(20),
        Arbitraries.of("') OR ('1'='1", "\\", "\\'", "'", "''", "\\\\'", "x' AND Name != '", "\u0000", "\ud800"));
  }

  /** What a record's name or id may hold and both systems store: printable text of any script. */
  @Provide
  Arbitrary<List<String>> recordValues() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().withChars("'\\\"%_()[]{}*,;=<>!?-+ abcXYZ019éü中\n\t").ofMinLength(1).ofMaxLength(20),
        Arbitraries.of("') OR Name != ('", "1' OR Id != '", "\\", "\\'", "O'Brien & Sons", "100% \"real\"",
            "1", "3", "5", "line\nbreak", "a_b%c", "😀 emoji"));
    return value.list().ofMinSize(1).ofMaxSize(8).uniqueElements();
  }
}
