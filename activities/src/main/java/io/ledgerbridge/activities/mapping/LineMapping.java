package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The child records of a mapped object: invoice lines, a payment's applications. In QuickBooks they are
 * an array inside the record; in Salesforce, records of their own whose {@code parentField} looks up the
 * header.
 *
 * @param externalIdField the Salesforce field holding {@code {realmId}-{invoiceId}-{lineId}}, for
 *     lines written to Salesforce; null when lines only flow to QuickBooks
 * @param qboPath the array in the QuickBooks record, e.g. {@code Line}
 * @param qboFilter only array elements whose fields have these values are lines, e.g.
 *     {@code DetailType: SalesItemLineDetail}
 * @param qboLineId a template of paths in the line that gives its {@code lineId}, for lines QuickBooks
 *     gives no {@code Id} (a payment's lines are named by the transaction each applies to:
 *     {@code {LinkedTxn[0].TxnType}-{LinkedTxn[0].TxnId}}); null for the line's {@code Id}
 * @param qboComputed elements with these values and no {@code Id} are QuickBooks' own summary, not lines (the
 *     SubTotal line QuickBooks adds to a sales form on reads); null for none
 * @param qboInner the path, inside a line, of lines it holds (a bundle's items: {@code GroupLineDetail.Line}):
 *     each is a line of its own, read with the line that holds it as {@code Outer}; null for none
 * @param checkTotal whether the lines are a sales form's, which must add up to its total (see
 *     {@link #totalDisagreement})
 * @param priceBookEntryField the field through which a line written to Salesforce names its product: its entry in the
 *     standard price book, set when the line is made and never changed (a QuoteLineItem's {@code PricebookEntryId}),
 *     for the product the line's {@link #productField} gives; null when lines name the product directly
 */
public record LineMapping(
    String salesforceObject,
    String parentField,
    String externalIdField,
    String qboPath,
    Map<String, String> qboFilter,
    String qboLineId,
    Map<String, String> qboComputed,
    String qboInner,
    boolean checkTotal,
    String priceBookEntryField,
    List<FieldMapping> fields) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
  /** The field an inner line carries its outer line in, for the mapping's paths ({@code Outer.GroupLineDetail.GroupItemRef.name}). */
  private static final String OUTER = "Outer";
  /** The line forms QuickBooks takes on a sales form written from another system. */
  private static final Set<String> WRITABLE = Set.of("SalesItemLineDetail", "DescriptionOnly", "DiscountLineDetail");
  /** Each line form's detail object; a line sent with another form's detail is refused by QuickBooks. */
  private static final Map<String, String> DETAIL_OF = Map.of(
      "SalesItemLineDetail", "SalesItemLineDetail",
      "DescriptionOnly", "DescriptionLineDetail",
      "DiscountLineDetail", "DiscountLineDetail",
      "GroupLineDetail", "GroupLineDetail",
      "SubTotalLineDetail", "SubTotalLineDetail");

  public LineMapping {
    qboFilter = qboFilter == null ? Map.of() : Map.copyOf(qboFilter);
    qboComputed = qboComputed == null ? Map.of() : Map.copyOf(qboComputed);
    fields = List.copyOf(fields);
  }

  /**
   * Whether any field of the lines flows to Salesforce: lines whose every field flows to QuickBooks (a Quote's,
   * whose QuoteLineItems QuickBooks cannot make) are read from Salesforce only, even in a mapping that syncs both ways.
   */
  public boolean writtenToSalesforce() {
    return fields.stream().anyMatch(field -> field.flows(SyncDirection.QBO_TO_SALESFORCE));
  }

  /** The line field written to Salesforce that names the line's product (its {@code reference: Item}), or empty. */
  public Optional<String> productField() {
    return fields.stream()
        .filter(field -> field.reference() == SyncObject.ITEM && field.flows(SyncDirection.QBO_TO_SALESFORCE))
        .map(FieldMapping::salesforce).findFirst();
  }

  /**
   * What the admin should know of a record's lines on their way to Salesforce, though it can be written: they do not
   * add up to its total ({@link #totalDisagreement}), or the filter leaves some out (an estimate's discount line has
   * no QuoteLineItem).
   */
  public List<String> notes(JsonNode record) {
    List<String> notes = new ArrayList<>();
    totalDisagreement(record).ifPresent(notes::add);
    Map<String, Integer> leftOut = new TreeMap<>();
    for (JsonNode line : qboTopLevel(record)) {
      // A bundle whose items are taken is carried by them.
      boolean carriedByItsLines = innerLines(line).stream().anyMatch(inner -> has(inner, qboFilter));
      if (!has(line, qboFilter) && !carriedByItsLines) {
        leftOut.merge(line.path("DetailType").asText("untyped"), 1, Integer::sum);
      }
    }
    if (!leftOut.isEmpty()) {
      notes.add("lines not carried to " + salesforceObject + " (it takes only lines with " + qboFilter + "): "
          + leftOut.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
    }
    return notes;
  }

  /** A QuickBooks line's id within its record, or null when the line has none (a path of the template is empty). */
  public String qboIdOf(JsonNode line) {
    if (qboLineId == null) {
      return FieldMapping.text(line.get("Id"));
    }
    Matcher placeholder = PLACEHOLDER.matcher(qboLineId);
    StringBuilder id = new StringBuilder();
    while (placeholder.find()) {
      String value = FieldMapping.text(Paths.first(line, placeholder.group(1).trim()));
      if (value == null) {
        return null;
      }
      placeholder.appendReplacement(id, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(id);
    return id.toString();
  }

  /** The elements of the record's line array that are lines as written: QuickBooks' own summary left out. */
  private List<JsonNode> qboTopLevel(JsonNode record) {
    List<JsonNode> result = new ArrayList<>();
    for (JsonNode line : record.path(qboPath)) {
      boolean computed = !qboComputed.isEmpty() && has(line, qboComputed) && FieldMapping.text(line.get("Id")) == null;
      if (!computed) {
        result.add(line);
      }
    }
    return result;
  }

  /**
   * Every line of the record the filter takes: each line as written, followed by the lines it holds ({@link
   * #qboInner}), each of them a copy carrying the line that holds it as {@link #OUTER}. QuickBooks numbers a bundle's
   * inner lines with the form's own line ids, so their ids are as stable as any line's. The filter applies to each
   * alike, so a mapping taking item lines only takes a bundle's items, not the bundle line.
   */
  public List<JsonNode> qboLines(JsonNode record) {
    List<JsonNode> result = new ArrayList<>();
    for (JsonNode line : qboTopLevel(record)) {
      if (has(line, qboFilter)) {
        result.add(line);
      }
      for (JsonNode inner : innerLines(line)) {
        if (has(inner, qboFilter)) {
          result.add(inner);
        }
      }
    }
    return result;
  }

  /** The lines a line holds (a bundle's items), each a copy carrying the line that holds it as {@link #OUTER}. */
  private List<JsonNode> innerLines(JsonNode line) {
    List<JsonNode> result = new ArrayList<>();
    if (qboInner != null) {
      for (JsonNode inner : Paths.all(line, qboInner + "[*]")) {
        if (inner instanceof ObjectNode innerObject) {
          ObjectNode copy = innerObject.deepCopy();
          copy.set(OUTER, line.deepCopy());
          result.add(copy);
        }
      }
    }
    return result;
  }

  /**
   * Why a sales form's lines do not add up to its total, or empty when they do (or this mapping does not check).
   * Item lines add, bundles' inner lines among them (a bundle's own amount is theirs, so it does not add again);
   * discount lines subtract; subtotal and description lines do not count. The total is QuickBooks' TotalAmt
   * less the tax on the header (TxnTaxDetail.TotalTax), as tax is not on the lines.
   */
  public Optional<String> totalDisagreement(JsonNode record) {
    if (!checkTotal) {
      return Optional.empty();
    }
    BigDecimal lines = BigDecimal.ZERO;
    for (JsonNode line : qboLines(record)) {
      BigDecimal amount = Functions.money(line.get("Amount"));
      switch (line.path("DetailType").asText("")) {
        case "SalesItemLineDetail" -> lines = lines.add(amount);
        case "DiscountLineDetail" -> lines = lines.subtract(amount);
        default -> { }
      }
    }
    BigDecimal tax = Functions.money(record.at("/TxnTaxDetail/TotalTax"));
    BigDecimal total = Functions.money(record.get("TotalAmt")).subtract(tax);
    if (lines.compareTo(total) == 0) {
      return Optional.empty();
    }
    return Optional.of("its lines come to " + plain(lines) + " (items less discounts), its total "
        + (tax.signum() == 0 ? "is " + plain(total) : "less tax is " + plain(total) + " (TotalAmt " + plain(total.add(tax))
            + ", tax " + plain(tax) + ")"));
  }

  /**
   * A line going to QuickBooks in the form QuickBooks takes, or why it cannot go. A line without a
   * DetailType is an item line when it names an item, else a description-only line; each form keeps only its
   * own detail object (a description line keeps no amount, item or quantity). Bundle and subtotal lines are
   * refused: QuickBooks makes a bundle's lines from the bundle item and computes subtotals itself.
   */
  public Optional<String> intoQboForm(ObjectNode line) {
    String detailType = FieldMapping.text(line.get("DetailType"));
    if (detailType == null) {
      detailType = line.at("/SalesItemLineDetail/ItemRef/value").isMissingNode() ? "DescriptionOnly" : "SalesItemLineDetail";
      line.put("DetailType", detailType);
    }
    if (!WRITABLE.contains(detailType)) {
      return Optional.of("a " + detailType + " line cannot be written to QuickBooks: only item, description-only and"
          + " discount lines can (QuickBooks makes a bundle's lines from its bundle item and computes subtotals);"
          + " change such a line in QuickBooks, or change its type");
    }
    String detail = DETAIL_OF.get(detailType);
    DETAIL_OF.values().stream().filter(other -> !other.equals(detail)).forEach(line::remove);
    switch (detailType) {
      case "SalesItemLineDetail" -> {
        if (line.at("/SalesItemLineDetail/ItemRef/value").isMissingNode()) {
          return Optional.of("an item line needs a product: set its product, or leave the type empty for a"
              + " description-only line");
        }
      }
      case "DescriptionOnly" -> {
        if (Functions.money(line.get("Amount")).signum() != 0) {
          return Optional.of("a line without a product has an amount (" + plain(Functions.money(line.get("Amount")))
              + "): give it a product, or the type Discount for a discount");
        }
        line.remove("Amount");
      }
      default -> {
        boolean percentBased = line.at("/DiscountLineDetail/PercentBased").asBoolean(false);
        if (!percentBased && line.get("Amount") == null) {
          return Optional.of("a discount line needs an amount, or a percent");
        }
        if (!line.has(detail)) {
          line.putObject(detail).put("PercentBased", false);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean has(JsonNode line, Map<String, String> values) {
    return values.entrySet().stream().allMatch(value -> value.getValue().equals(line.path(value.getKey()).asText(null)));
  }

  private static String plain(BigDecimal value) {
    return value.setScale(Math.max(2, value.stripTrailingZeros().scale())).toPlainString();
  }
}
