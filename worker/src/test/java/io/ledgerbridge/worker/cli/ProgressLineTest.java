package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN_ID = "3f2a1b2c-0000-4000-8000-000000000000";

  @Test
  void aBarShowsHowFarTheObjectIs() {
    assertThat(ProgressLine.bar("Customer", 30, 60)).isEqualTo("Customer [############------------]  30/60  50%");
    assertThat(ProgressLine.bar("Customer", 60, 60)).isEqualTo("Customer [########################]  60/60  100%");
    assertThat(ProgressLine.bar("Invoice", 7, 0)).as("no total yet").isEqualTo("Invoice  7 done");
  }

  @Test
  void theObjectInProgressIsTheFirstNotDone() throws Exception {
    JsonNode report =
        JSON.readTree(
            """
            {"runId":"%s","jobId":"nightly","status":"RUNNING","progress":[
              {"object":"Customer","done":60,"total":60},{"object":"Invoice","done":10,"total":40}]}
            """.formatted(RUN_ID));

    assertThat(ProgressLine.render(RUN_ID, report, Duration.ofMillis(12_400)))
        .isEqualTo("Invoice [######------------------]  10/40  25%  (object 2 of 2)  12s");
  }

  @Test
  void theApisStatesSayWhichObjectIsCurrent() throws Exception {
    JsonNode report =
        JSON.readTree(
            """
            {"runId":"%s","jobId":"nightly","status":"RUNNING","progress":[
              {"object":"Customer","state":"DONE","done":60,"total":60},
              {"object":"Item","state":"SCHEDULED","done":0,"total":null,"attempt":3,"lastFailure":"503"},
              {"object":"Invoice","state":"WAITING","done":0,"total":null}]}
            """.formatted(RUN_ID));
    JsonNode started =
        JSON.readTree(
            """
            {"runId":"%s","jobId":"nightly","status":"RUNNING","progress":[
              {"object":"Customer","state":"RUNNING","done":0,"total":null}]}
            """.formatted(RUN_ID));

    assertThat(ProgressLine.render(RUN_ID, started, Duration.ZERO)).isEqualTo("Customer  running  1s");

    assertThat(ProgressLine.render(RUN_ID, report, Duration.ofSeconds(75)))
        .isEqualTo("Item  scheduled  attempt 3  (object 2 of 3)  1m 15s");
  }

  @Test
  void withoutProgressTheStatusAndTimeShow() throws Exception {
    JsonNode report = JSON.readTree("{\"runId\":\"" + RUN_ID + "\",\"jobId\":\"nightly\",\"status\":\"RUNNING\"}");

    assertThat(ProgressLine.render(RUN_ID, report, Duration.ofSeconds(3))).isEqualTo("Run 3f2a1b2c of nightly: RUNNING  3s");
    assertThat(ProgressLine.render(RUN_ID, null, Duration.ofMillis(300))).isEqualTo("Run 3f2a1b2c: waiting for it to start  1s");
  }

  @Test
  void redrawingOverwritesTheLineAndClearingErasesIt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 20);

    line.draw("a longer line");
    line.draw("short");
    line.draw("far too long for twenty columns");
    line.clear();

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("\ra longer line" + "\rshort" + " ".repeat(8) + "\rfar too long for tw" + "\r" + " ".repeat(19) + "\r");
  }
}
