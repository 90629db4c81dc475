package io.ledgerbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The standalone launcher's command line. */
class SandboxMainTest {

  @Test
  void optionsComeFromTheCommandLine() {
    SandboxOptions options = SandboxMain.parse(new String[] {"--qbo-port", "19101", "--sf-port", "19102",
        "--customers", "1000", "--seed", "7", "--qbo-throttle", "off"});
    assertThat(options.quickBooksPort()).isEqualTo(19101);
    assertThat(options.salesforcePort()).isEqualTo(19102);
    assertThat(options.seedCustomers()).isEqualTo(1000);
    assertThat(options.seed()).isEqualTo(7);
    assertThat(options.qboRequestsPerSecond()).isZero();
    assertThat(options.host()).isEqualTo("127.0.0.1");
  }

  @Test
  void badArgumentsAreExplained() {
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--customers"})).hasMessageContaining("missing value");
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--customers", "many"})).hasMessageContaining("not a number");
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--colour", "red"})).hasMessageContaining("unknown option");
    assertThatThrownBy(() -> SandboxMain.parse(new String[] {"--customers", "2000000"}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
