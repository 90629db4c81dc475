package io.ledgerbridge.worker.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /api/schedules/preview}: a schedule compiled as a job's would be, before any job has it. */
class SchedulePreviewApiTest extends ApplicationTestSupport {
  private static final String COMPANY = "9130357766001001";

  @Test
  void previewsTheCronTheDescriptionAndTheNextRunsInTheSchedulesZone() {
    ApiResponse response = call("POST", "/api/schedules/preview", """
        {"schedule": {"minute": [30], "hour": [2], "dayOfWeek": ["wed", "MON"], "timeZone": "America/New_York"}}
        """);

    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    JsonNode preview = response.body();
    assertThat(preview.get("description").asText()).isEqualTo("at 02:30 on Mondays and Wednesdays (America/New_York)");
    // New York is UTC-5 or UTC-4: 02:30 there is 07:30 or 06:30 UTC.
    assertThat(preview.get("cron").asText()).isEqualTo("30 6,7 * * *");
    assertThat(preview.get("timeZone").asText()).isEqualTo("America/New_York");
    assertThat(preview.get("nextRuns")).hasSize(5);
    for (JsonNode next : preview.get("nextRuns")) {
      OffsetDateTime run = OffsetDateTime.parse(next.asText());
      assertThat(run.toLocalTime()).isEqualTo(LocalTime.of(2, 30));
      assertThat(run.getOffset()).isEqualTo(ZoneId.of("America/New_York").getRules().getOffset(run.toInstant()));
      assertThat(run.getDayOfWeek()).isIn(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
    }
    JsonNode fields = preview.get("fields");
    assertThat(fields.get("dayOfWeek").toString()).isEqualTo("[\"MON\",\"WED\"]");
    assertThat(fields.get("minute").toString()).isEqualTo("[\"30\"]");
    assertThat(fields.has("month")).isFalse();
  }

  @Test
  void aRawCronIsPreviewedAsFieldsTheFormCanShow() {
    JsonNode preview = call("POST", "/api/schedules/preview", "{\"schedule\": {\"cron\": \"0 7 * 3-5 1-5\"}}").body();

    assertThat(preview.get("description").asText()).isEqualTo("at 07:00 on weekdays in March, April and May (UTC)");
    assertThat(preview.get("fields").get("month").toString()).isEqualTo("[\"MAR\",\"APR\",\"MAY\"]");
    assertThat(preview.get("fields").get("dayOfWeek")).hasSize(5);
  }

  @Test
  void refusesABadScheduleWithTheJobApisMessage() {
    for (String schedule : List.of(
        "{\"hour\": [25]}",
        "{\"minutes\": [5]}",
        "{\"dayOfWeek\": [\"MON\"], \"dayOfMonth\": [\"1\"]}",
        "{\"minute\": [0], \"timeZone\": \"Mars/Olympus\"}",
        "{\"cron\": \"0 0 31 2 *\"}",
        "{\"minute\": [0], \"timeZone\": \" Europe/Berlin\"}",
        "null")) {
      ApiResponse preview = call("POST", "/api/schedules/preview", "{\"schedule\": " + schedule + "}");
      ApiResponse job = call("POST", "/api/jobs", """
          {"name":"preview twin","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":["Customer"],"schedule":%s}
          """.formatted(COMPANY, schedule));

      assertThat(preview.status()).as(schedule).isEqualTo(400);
      assertThat(job.status()).as(schedule).isEqualTo(400);
      assertThat(preview.body().get("message").asText()).as(schedule)
          .startsWith("schedule")
          .isEqualTo(job.body().get("message").asText());
    }
  }

  @Test
  void aBodyWithoutJsonIsRefused() {
    ApiResponse response = call("POST", "/api/schedules/preview", "hour=3");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("message").asText()).startsWith("malformed JSON");
  }
}
