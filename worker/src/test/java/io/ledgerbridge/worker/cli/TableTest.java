package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void columnsAlignToTheWidestCellWithoutTrailingSpaces() {
    String text =
        new Table("ID", "COUNT", "NOTE")
            .alignRight(1)
            .row("a", "5", "first")
            .row("longer-id", "1234", null)
            .render();

    assertThat(text)
        .isEqualTo(
            """
            ID         COUNT  NOTE
            a              5  first
            longer-id   1234  -
            """);
  }

  @Test
  void blanksShowAsDashAndLineBreaksDoNotBreakRows() {
    assertThat(new Table("A", "B").row("", "two\nlines").render()).isEqualTo("A  B\n-  two lines\n");
  }

  @Test
  void fittingCutsTheLastColumnToTheLineButNotBelowItsMinimum() {
    String message = "x".repeat(50);
    Table table = new Table("ID", "MESSAGE").row("1", message).row("2", "short");

    assertThat(table.fitTo(40).render()).contains("\n1   " + "x".repeat(33) + "...\n", "\n2   short\n");
    assertThat(table.fitTo(10).render()).as("never below the minimum").contains("\n1   " + "x".repeat(Table.MIN_FITTED - 3) + "...\n");
    assertThat(table.fitTo(60).render()).as("what fits is not cut").contains("\n1   " + message + "\n");
  }

  @Test
  void aRowMustFillEveryColumn() {
    assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void detailsAlignTheirValuesAndLeaveOutAbsentOnes() {
    String text = new Details().add("Name", "Nightly").add("Cause", null).add("Time zone", "UTC").render();

    assertThat(text).isEqualTo("Name       Nightly\nTime zone  UTC\n");
  }
}
