package dev.dogcatcher.cli.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.aws.AwsEmulator;
import dev.dogcatcher.aws.TemplateResources;
import dev.dogcatcher.cli.Dogcatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `dogcatcher run --aws-endpoint URL` end to end: template.yaml's queues and table under the names of
 * events/env.json, the three handlers on SQS, a dry run into the outbox. The errors are new to the
 * shared emulator (a random service name), so the test also holds against a long-lived AWS_ENDPOINT_URL.
 */
class AwsRunTest {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  /** Three errors that differ in more than one word, so that no slot gathers them. */
  private static final String[] FAILURES = {
    "Payment declined by the card issuer", "Inventory lookup timed out", "Address validation rejected the postcode"
  };

  @TempDir Path dir;

  @Test
  void run_createsTheResources_filesEachNewErrorOnce_andASecondRunFilesNothing() throws IOException {
    String service = "svc-" + TemplateResources.uniqueSuffix();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add("{\"id\":\"l" + i + "\",\"attributes\":{\"timestamp\":\"2026-11-27T09:00:00Z\",\"status\":\"error\","
          + "\"service\":\"" + service + "\",\"message\":\"" + FAILURES[i % 3] + " for order " + i + "\"}}");
    }
    Path logs = dir.resolve("logs.jsonl");
    Files.write(logs, lines);
    Path outbox = dir.resolve("outbox");

    StringWriter first = new StringWriter();
    int firstExit = run(first, logs, outbox);
    StringWriter second = new StringWriter();
    int secondExit = run(second, logs, outbox);

    assertThat(firstExit).as(first.toString()).isZero();
    assertThat(first.toString())
        .contains("table                  dogcatcher-registry")
        .containsPattern("LogQueue +http://\\S+/LogQueue")
        .contains("logs=30, rejected=0, groups=3")
        .containsPattern("tickets created +3\\b")
        .containsPattern("dead-lettered +0\\b");
    assertThat(secondExit).as(second.toString()).isZero();
    assertThat(second.toString()).containsPattern("tickets created +0\\b");
    assertThat(payloads(outbox)).hasSize(3);
  }

  private int run(StringWriter out, Path logs, Path outbox) {
    CommandLine commandLine = new CommandLine(new Dogcatcher());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(out, true));
    return commandLine.execute("run", "--aws-endpoint", AWS.endpoint(), "--logs", logs.toString(),
        "--out", outbox.toString(), "--quiet");
  }

  private static List<Path> payloads(Path outbox) throws IOException {
    try (Stream<Path> files = Files.list(outbox)) {
      return files.filter(file -> file.toString().endsWith(".json")).toList();
    }
  }
}
