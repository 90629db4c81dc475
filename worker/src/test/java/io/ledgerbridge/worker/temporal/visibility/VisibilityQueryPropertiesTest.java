package io.ledgerbridge.worker.temporal.visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The query parser on generated input: any text is either parsed or refused with a reason (never
 * another exception), and generated AND/OR trees, rendered with any spacing, case of keywords and
 * redundant parentheses, select exactly the runs the tree itself selects.
 */
class VisibilityQueryPropertiesTest {

  private static final Map<String, IndexedValueType> ATTRIBUTES = Map.of(
      "LedgerBridgeCompany", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      "LedgerBridgeObjects", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);
  private static final Instant NOON = Instant.parse("2026-12-03T12:00:00Z");
  private static final List<String> IDS = List.of("job-a", "job-b", "it's");

  /** A generated condition: its text and what it should select. */
  interface Tree {
    String text(boolean upperKeywords);

    boolean selects(ExecutionRecord run);
  }

  record IdIs(String id) implements Tree {
    public String text(boolean upper) {
      return "WorkflowId = '" + id.replace("'", "\\'") + "'";
    }

    public boolean selects(ExecutionRecord run) {
      return run.workflowId().equals(id);
    }
  }

  record StartedAfter(long minutes) implements Tree {
    public String text(boolean upper) {
      return "`StartTime` > \"" + NOON.plusSeconds(60 * minutes) + "\"";
    }

    public boolean selects(ExecutionRecord run) {
      return run.startTime().isAfter(NOON.plusSeconds(60 * minutes));
    }
  }

  record Both(Tree left, Tree right) implements Tree {
    public String text(boolean upper) {
      return "(" + left.text(upper) + (upper ? " AND " : "  and\t") + right.text(upper) + ")";
    }

    public boolean selects(ExecutionRecord run) {
      return left.selects(run) && right.selects(run);
    }
  }

  record Either(Tree left, Tree right) implements Tree {
    public String text(boolean upper) {
      return "((" + left.text(upper) + ")" + (upper ? " OR " : "\nor ") + right.text(upper) + ")";
    }

    public boolean selects(ExecutionRecord run) {
      return left.selects(run) || right.selects(run);
    }
  }

  @Provide
  Arbitrary<Tree> trees() {
    return trees(4);
  }

  /** Trees at most {@code depth} operators deep, so their size stays bounded. */
  private static Arbitrary<Tree> trees(int depth) {
    Arbitrary<Tree> leaves = Arbitraries.oneOf(
        Arbitraries.of(IDS).map(IdIs::new), Arbitraries.longs().between(-3, 3).map(StartedAfter::new));
    if (depth == 0) {
      return leaves;
    }
    Arbitrary<Tree> below = trees(depth - 1);
    return Arbitraries.oneOf(
        leaves,
        Combinators.combine(below, below).as(Both::new),
        Combinators.combine(below, below).as(Either::new));
  }

  @Provide
  Arbitrary<ExecutionRecord> runs() {
    return Combinators.combine(Arbitraries.of(IDS), Arbitraries.longs().between(-4, 4))
        .as((id, minutes) -> run(id, NOON.plusSeconds(60 * minutes)));
  }

  @Property(tries = 300)
  void aRenderedTreeSelectsWhatTheTreeSelects(
      @ForAll("trees") Tree tree, @ForAll boolean upperKeywords, @ForAll("runs") ExecutionRecord run) {
    Filter parsed = VisibilityQuery.parse(tree.text(upperKeywords), ATTRIBUTES).filter();
    assertThat(parsed.matches(run)).as(tree.text(upperKeywords)).isEqualTo(tree.selects(run));
  }

  @Property(tries = 1000)
  void anyTextIsParsedOrRefusedWithAReason(@ForAll("queryLikeText") String text) {
    try {
      VisibilityQuery.parse(text, ATTRIBUTES);
    } catch (UnsupportedQueryException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> queryLikeText() {
    Arbitrary<String> pieces = Arbitraries.of(
        "WorkflowId", "StartTime", "CloseTime", "ExecutionStatus", "LedgerBridgeObjects", "Unknown", "=", "!=", "<",
        ">=", "<>", "!", "AND", "or", "IN", "BETWEEN", "STARTS_WITH", "ORDER", "BY", "GROUP", "ASC", "(", ")", ",",
        "'Running'", "'2026-12-03T12:00:00Z'", "'x", "\"y\"", "`StartTime`", "42", "-", "\\", "LIKE", " ");
    return pieces.list().ofMaxSize(12).map(parts -> String.join(" ", parts));
  }

  @Example
  void keywordsInAnyCaseAndEscapedQuotes() {
    assertThat(VisibilityQuery.parse("WorkflowId = 'it\\'s' order by StartTime asc", ATTRIBUTES))
        .satisfies(parsed -> {
          assertThat(parsed.oldestFirst()).isTrue();
          assertThat(parsed.filter().matches(run("it's", NOON))).isTrue();
        });
  }

  @Example
  void deepNestingIsRefusedNotOverflowed() {
    assertThatThrownBy(() -> VisibilityQuery.parse("(".repeat(100_000), ATTRIBUTES))
        .isInstanceOf(UnsupportedQueryException.class)
        .hasMessageContaining("nest deeper than");
  }

  @Example
  void namesAreCaseSensitiveAsOnARealServer() {
    assertThatThrownBy(() -> VisibilityQuery.parse("workflowid = 'x'", ATTRIBUTES))
        .isInstanceOf(UnsupportedQueryException.class)
        .hasMessageContaining("unsupported field workflowid");
  }

  private static ExecutionRecord run(String workflowId, Instant startTime) {
    return new ExecutionRecord(workflowId, "run-" + workflowId, "BatchSync", "ledgerbridge-sync",
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, startTime, null, Map.of(),
        WorkflowExecutionInfo.getDefaultInstance());
  }
}
