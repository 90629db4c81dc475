package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JobBodyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  /** The options as picocli parses them for 'jobs create' and 'jobs update'. */
  private static JobOptions options(String... args) {
    return CommandLine.populateCommand(new JobOptions(), args);
  }

  private static JsonNode create(String... args) {
    return JobBody.forCreate(options(args));
  }

  private static JsonNode update(JsonNode current, String... args) {
    return JobBody.forUpdate(options(args), current);
  }

  @Test
  void scheduleFieldsBecomeArraysOfStringsAndObjectsKeepTheirOrder() throws Exception {
    JsonNode body =
        create(
            "--name", "Weekday customers", "--company", "9130357766001001", "--direction", "to-salesforce",
            "--objects", "Customer,Invoice", "--minute", "0,30", "--hour", "3", "--day-of-week", "MON-FRI",
            "--time-zone", "Europe/Berlin");

    assertThat(body)
        .isEqualTo(
            json(
                """
                {"name":"Weekday customers","companyId":"9130357766001001","direction":"QBO_TO_SALESFORCE",
                 "objects":["Customer","Invoice"],
                 "schedule":{"minute":["0","30"],"hour":["3"],"dayOfWeek":["MON-FRI"],"timeZone":"Europe/Berlin"}}
                """));
  }

  @Test
  void listOptionsSplitAtCommasAddUpWhenRepeatedAndAnEmptyOneRemovesTheField() throws Exception {
    JsonNode schedule =
        update(json("{\"schedule\":{\"month\":[\"1\"],\"hour\":[\"3\"]}}"), "--minute", "0, 30", "--minute", "45",
            "--month", "").get("schedule");

    assertThat(schedule).isEqualTo(json("{\"hour\":[\"3\"],\"minute\":[\"0\",\"30\",\"45\"]}"));
  }

  @Test
  void aValueMayLookLikeACronStringOrStartWithADash() {
    JsonNode body = create("--cron", "0 3 * * *", "--name", "-odd-");

    assertThat(body.path("schedule").path("cron").asText()).isEqualTo("0 3 * * *");
    assertThat(body.path("name").asText()).isEqualTo("-odd-");
  }

  @Test
  void aCronStringIsSentAsTheSchedulesCron() throws Exception {
    assertThat(create("--name", "n", "--cron", "0 0 1 1 *").get("schedule")).isEqualTo(json("{\"cron\":\"0 0 1 1 *\"}"));
  }

  @Test
  void directionsTakeShortFormsAndPassAnythingElseToTheApi() {
    assertThat(JobBody.direction("to-qbo")).isEqualTo("SALESFORCE_TO_QBO");
    assertThat(JobBody.direction("TO-SALESFORCE")).isEqualTo("QBO_TO_SALESFORCE");
    assertThat(JobBody.direction("qbo_to_salesforce")).isEqualTo("QBO_TO_SALESFORCE");
    assertThat(JobBody.direction("sideways")).as("the API names the allowed values").isEqualTo("SIDEWAYS");
  }

  @Test
  void bothDayFieldsAreSentSoTheApiCanRefuseThem() {
    JsonNode schedule = create("--name", "n", "--day-of-week", "MON", "--day-of-month", "1,L").get("schedule");

    assertThat(schedule.get("dayOfWeek")).hasSize(1);
    assertThat(schedule.get("dayOfMonth")).hasSize(2);
  }

  @Test
  void aFileIsTheBodyAndOptionsOverrideIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("job.json");
    Files.writeString(
        file,
        """
        {"name":"From file","companyId":"1","direction":"QBO_TO_SALESFORCE","objects":["Customer"],
         "schedule":{"minute":[5],"timeZone":"UTC"}}
        """);

    JsonNode body = create("--file", file.toString(), "--name", "Renamed", "--hour", "4");

    assertThat(body.get("name").asText()).isEqualTo("Renamed");
    assertThat(body.get("companyId").asText()).isEqualTo("1");
    assertThat(body.get("schedule")).isEqualTo(json("{\"minute\":[5],\"timeZone\":\"UTC\",\"hour\":[\"4\"]}"));
  }

  @Test
  void anUnreadableFileIsAUsageError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"name\": ");

    assertThatThrownBy(() -> create("--file", file.toString()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--file: cannot read " + file)
        .extracting(e -> ((CliException) e).exitCode())
        .isEqualTo(2);
    assertThatThrownBy(() -> create("--file", dir.resolve("missing.json").toString()))
        .hasMessageContaining("missing.json");
  }

  @Test
  void createNeedsSomethingToCreate() {
    assertThatThrownBy(() -> create()).isInstanceOf(CliException.class).hasMessageContaining("describe the job");
  }

  @Test
  void updateSendsOnlyWhatIsGiven() throws Exception {
    assertThat(update(json("{}"), "--name", "New name", "--objects", "Customer,Invoice"))
        .isEqualTo(json("{\"name\":\"New name\",\"objects\":[\"Customer\",\"Invoice\"]}"));
    assertThatThrownBy(() -> update(json("{}"))).isInstanceOf(CliException.class).hasMessageContaining("nothing to change");
  }

  @Test
  void updateMergesScheduleFieldsIntoTheCurrentSchedule() throws Exception {
    JsonNode current =
        json("{\"schedule\":{\"minute\":[\"0\",\"30\"],\"hour\":[\"3\"],\"dayOfMonth\":[\"1\"],\"timeZone\":\"Europe/Berlin\"}}");

    assertThat(update(current, "--hour", "4").get("schedule"))
        .isEqualTo(json("{\"minute\":[\"0\",\"30\"],\"hour\":[\"4\"],\"dayOfMonth\":[\"1\"],\"timeZone\":\"Europe/Berlin\"}"));
    assertThat(update(current, "--day-of-week", "MON-FRI", "--minute", "").get("schedule"))
        .as("one day field replaces the other; an empty value removes a field")
        .isEqualTo(json("{\"hour\":[\"3\"],\"dayOfWeek\":[\"MON-FRI\"],\"timeZone\":\"Europe/Berlin\"}"));
    assertThat(update(current, "--cron", "15 2 * * *").get("schedule"))
        .as("a cron string replaces the fields and keeps the zone")
        .isEqualTo(json("{\"timeZone\":\"Europe/Berlin\",\"cron\":\"15 2 * * *\"}"));
  }

  @Test
  void updateFieldsReplaceACronString() throws Exception {
    JsonNode current = json("{\"schedule\":{\"cron\":\"* * * * *\",\"timeZone\":\"UTC\"}}");

    assertThat(update(current, "--minute", "5").get("schedule")).isEqualTo(json("{\"timeZone\":\"UTC\",\"minute\":[\"5\"]}"));
    assertThat(update(current, "--time-zone", "Europe/Berlin").get("schedule"))
        .isEqualTo(json("{\"cron\":\"* * * * *\",\"timeZone\":\"Europe/Berlin\"}"));
  }
}
