package dev.dogcatcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  @Test
  void bench_json_reportsOneAnalystCallAndOneTicketPerDistinctErrorForEveryWorkerCount() throws IOException {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Dogcatcher.commandLine();
    commandLine.setOut(new PrintWriter(out, true));

    int exit = commandLine.execute(
        "bench", "--logs", "3000", "--distinct", "40", "--analyst-latency-ms", "1", "--workers", "1,4", "--json");

    assertThat(exit).isZero();
    JsonNode result = Json.MAPPER.readTree(out.toString());
    assertThat(result.path("runs")).hasSize(2);
    for (JsonNode run : result.path("runs")) {
      assertThat(run.path("logs").asLong()).isEqualTo(3000);
      assertThat(run.path("groups").asLong()).isEqualTo(40);
      assertThat(run.path("analyst_calls").asLong()).isEqualTo(40);
      assertThat(run.path("tickets").asLong()).isEqualTo(40);
      for (String field : new String[] {"workers", "logs_per_s", "groups_per_s", "ideal_groups_per_s", "p50_ms", "p99_ms"}) {
        assertThat(run.has(field)).as(field).isTrue();
      }
    }
    assertThat(result.at("/sequential/analyst_calls").asLong()).isEqualTo(3000);
  }

  @Test
  void letters_namesEachErrorWithLettersOnly() {
    assertThat(SyntheticLogSource.letters(0)).isEqualTo("a");
    assertThat(SyntheticLogSource.letters(27)).isEqualTo("bb");
  }
}
