package dev.dogcatcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Map<String, String> environment = new HashMap<>();

  private int execute(String... args) {
    CommandLine commandLine = Dogcatcher.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    RunCommand run = commandLine.getSubcommands().get("run").getCommand();
    run.environment = environment;
    return commandLine.execute(args);
  }

  private String[] runArgs(String... extra) {
    return Stream.concat(Stream.of("run", "--quiet", "--state", dir.resolve("state.db").toString(),
        "--out", dir.resolve("outbox").toString(), "--report", dir.resolve("report.json").toString()),
        Stream.of(extra)).toArray(String[]::new);
  }

  private JsonNode report() throws IOException {
    return Json.MAPPER.readTree(dir.resolve("report.json").toFile());
  }

  @Test
  void run_onTheBundledSample_filesTicketsIntoTheOutboxAndWritesTheReport() throws IOException {
    int exit = execute(runArgs());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode report = report();
    assertThat(report.path("source").asText()).isEqualTo("sample");
    assertThat(report.path("logs_read").asLong()).isEqualTo(298);
    assertThat(report.path("tickets_created").asLong()).isPositive();
    for (String field : new String[] {"logs_read", "skipped_invalid", "error_groups", "new_groups", "analyzed",
        "llm_calls", "tickets_created", "occurrences_recorded", "duplicates_suppressed", "capped", "failed",
        "dead_lettered", "wall_ms", "groups"}) {
      assertThat(report.has(field)).as(field).isTrue();
    }
    long accounted = report.path("skipped_invalid").asLong();
    for (JsonNode group : report.path("groups")) {
      accounted += group.path("log_ids").size();
    }
    assertThat(accounted).isEqualTo(298);
    assertThat(out.toString()).contains("tickets created", "outbox");
    try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".json")).count())
          .isEqualTo(report.path("tickets_created").asLong());
    }
  }

  @Test
  void run_twice_secondRunFilesNothingAlreadyTicketed() throws IOException {
    environment.put("MAX_TICKETS_PER_RUN", "1000");
    execute(runArgs());
    long created = report().path("tickets_created").asLong();

    int exit = execute(runArgs());

    assertThat(exit).isZero();
    assertThat(report().path("tickets_created").asLong()).isZero();
    assertThat(report().path("occurrences_recorded").asLong()).isEqualTo(created);
    assertThat(report().path("analyzed").asLong()).isZero();
  }

  @Test
  void run_whenLogsFileIsMissing_failsNamingIt() {
    int exit = execute(runArgs("--logs", dir.resolve("nope.json").toString()));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--logs", "nope.json");
  }

  @Test
  void run_withAnUnknownFlag_failsWithUsage() {
    int exit = execute("run", "--wrokers", "3");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option", "--wrokers", "dogcatcher run --help");
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void run_whenLiveWithoutJiraSettings_failsNamingTheMissingVariable() {
    int exit = execute(runArgs("--live"));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("JIRA_BASE_URL is not set", "drop --live");
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void run_withAnInvalidSetting_failsNamingIt() {
    environment.put("MAX_TICKETS_PER_RUN", "lots");

    int exit = execute(runArgs());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("MAX_TICKETS_PER_RUN");
  }

  @Test
  void run_dryRun_writesNothingButTheOutboxAndState() throws IOException {
    execute(runArgs());

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .allMatch(name -> name.startsWith("state.db") || name.equals("outbox") || name.equals("report.json"));
    }
  }
}
