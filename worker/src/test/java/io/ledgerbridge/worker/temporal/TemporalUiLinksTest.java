package io.ledgerbridge.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.worker.config.TemporalProperties;
import org.junit.jupiter.api.Test;

class TemporalUiLinksTest {

  private static TemporalUiLinks links(String uiUrl, String namespace) {
    return new TemporalUiLinks(new TemporalUiProperties(uiUrl), new TemporalProperties(null, namespace, "127.0.0.1", 7233));
  }

  @Test
  void aRunLinksToItsHistoryInTheNamespace() {
    assertThat(links("http://localhost:8080/", "default").run("ledgerbridge-job-demo-customers", "0b1c"))
        .isEqualTo("http://localhost:8080/namespaces/default/workflows/ledgerbridge-job-demo-customers/0b1c/history");
  }

  @Test
  void idsAreEncodedAsPathSegments() {
    assertThat(links("https://temporal.example.com/ui", "acme prod").run("a/b c", "r"))
        .isEqualTo("https://temporal.example.com/ui/namespaces/acme%20prod/workflows/a%2Fb%20c/r/history");
  }

  @Test
  void noLinkWithoutAUiOrWithoutBothIds() {
    assertThat(links(null, "default").run("w", "r")).isNull();
    assertThat(links("  ", "default").run("w", "r")).isNull();
    assertThat(links("http://localhost:8080", "default").run("w", null)).isNull();
  }

  @Test
  void anAddressThatIsNoWebUiIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new TemporalUiProperties("localhost:8080"))
        .hasMessageContaining("LEDGERBRIDGE_TEMPORAL_UI_URL")
        .hasMessageContaining("localhost:8080");
    assertThatThrownBy(() -> new TemporalUiProperties("javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TemporalUiProperties("http://ui?x=1")).isInstanceOf(IllegalArgumentException.class);
  }
}
