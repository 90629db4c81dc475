package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

  @Test
  void wordsAndOptionsAreSeparatedWhereverTheOptionsStand() {
    Arguments arguments = Arguments.parse("jobs", "--json", "show", "--url=http://host:9", "demo-customers");

    assertThat(arguments.words()).containsExactly("jobs", "show", "demo-customers");
    assertThat(arguments.has(Option.JSON)).isTrue();
    assertThat(arguments.value(Option.URL)).contains("http://host:9");
    assertThat(arguments.problem()).isEmpty();
  }

  @Test
  void aValueMayLookLikeACronStringOrStartWithADash() {
    Arguments arguments = Arguments.parse("jobs", "create", "--cron", "0 3 * * *", "--name", "-odd-");

    assertThat(arguments.value(Option.CRON)).contains("0 3 * * *");
    assertThat(arguments.value(Option.NAME)).contains("-odd-");
  }

  @Test
  void listOptionsSplitAtCommasAndAddUpWhenRepeated() {
    Arguments arguments =
        Arguments.parse("--minute", "0, 30", "--minute", "45", "--objects", "Customer,Invoice", "--month", "");

    assertThat(arguments.items(Option.MINUTE)).containsExactly("0", "30", "45");
    assertThat(arguments.items(Option.OBJECTS)).containsExactly("Customer", "Invoice");
    assertThat(arguments.has(Option.MONTH)).as("an empty value is still given").isTrue();
    assertThat(arguments.items(Option.MONTH)).isEmpty();
    assertThat(arguments.problem()).isEmpty();
  }

  @Test
  void doubleDashEndsTheOptions() {
    Arguments arguments = Arguments.parse("jobs", "show", "--", "--weird-id");

    assertThat(arguments.words()).containsExactly("jobs", "show", "--weird-id");
    assertThat(arguments.problem()).isEmpty();
  }

  @Test
  void shortHelpIsHelp() {
    assertThat(Arguments.parse("jobs", "-h").has(Option.HELP)).isTrue();
  }

  @Test
  void theFirstProblemIsKept() {
    assertThat(Arguments.parse("jobs", "list", "--bogus", "--json=yes").problem()).contains("unknown option --bogus");
    assertThat(Arguments.parse("jobs", "list", "-x").problem()).contains("unknown option -x");
    assertThat(Arguments.parse("jobs", "list", "--json=yes").problem()).contains("--json takes no value");
    assertThat(Arguments.parse("jobs", "show", "x", "--url").problem()).contains("--url needs a value: --url URL");
    assertThat(Arguments.parse("--name", "a", "--name", "b").problem()).contains("--name is given more than once");
  }
}
