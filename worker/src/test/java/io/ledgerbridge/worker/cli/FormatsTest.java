package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void timesKeepTheOffsetTheApiGave() {
    assertThat(Formats.time("2025-03-01T03:00:04.123456Z")).isEqualTo("2025-03-01 03:00:04 UTC");
    assertThat(Formats.time("2025-03-30T03:00:00+02:00")).isEqualTo("2025-03-30 03:00:00 +02:00");
    assertThat(Formats.minute("2025-03-30T03:00:00+02:00[Europe/Berlin]")).isEqualTo("2025-03-30 03:00 +02:00");
    assertThat(Formats.time("not a time")).as("shown as given").isEqualTo("not a time");
    assertThat(Formats.time(null)).isNull();
  }

  @Test
  void durationsReadAtAGlance() {
    assertThat(Formats.duration(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(Formats.duration(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(Formats.duration(Duration.ofSeconds(185))).isEqualTo("3m 05s");
    assertThat(Formats.duration(Duration.ofMinutes(127))).isEqualTo("2h 07m");
    assertThat(Formats.duration(Duration.ofHours(76))).isEqualTo("3d 04h");
    assertThat(Formats.duration("2025-01-01T00:00:00Z", "2025-01-01T00:01:01Z")).isEqualTo("1m 01s");
    assertThat(Formats.duration("2025-01-01T00:00:00Z", null)).isNull();
  }

  @Test
  void countsAreCompact() throws Exception {
    var report =
        new ObjectMapper()
            .readTree(
                """
                {"object":"Customer","read":60,"created":58,"updated":1,"unchanged":0,"deferred":0,"failed":1}
                """);

    assertThat(Formats.counts(report)).isEqualTo("Customer 60r/58c/1u/0=/0d/1f");
  }

  @Test
  void directionsAndRunIdsAreShortened() {
    assertThat(Formats.direction("QBO_TO_SALESFORCE")).isEqualTo("QBO->Salesforce");
    assertThat(Formats.direction("SALESFORCE_TO_QBO")).isEqualTo("Salesforce->QBO");
    assertThat(Formats.direction("SIDEWAYS")).isEqualTo("SIDEWAYS");
    assertThat(Formats.shortId("3f2a1b2c-0000-4000-8000-000000000000")).isEqualTo("3f2a1b2c");
    assertThat(Formats.shortId("abc")).isEqualTo("abc");
  }
}
