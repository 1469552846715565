package dev.dogcatcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.aws.AwsEmulator;
import dev.dogcatcher.aws.TemplateResources;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.json.Messages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.sqs.model.Message;

/** `dogcatcher replay`: logs into LogQueue as the fetcher would, and a DLQ back to its source queue. */
class ReplayCommandTest {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  @TempDir Path dir;
  private Map<String, String> queues;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void createQueues() {
    queues = TemplateResources.fromRepository().createQueues(AWS.sqs(), TemplateResources.uniqueSuffix());
  }

  @Test
  void replayLogs_sendsOneErrorGroupPerDistinctError() throws IOException {
    Path logs = dir.resolve("logs.jsonl");
    Files.writeString(logs, String.join("\n",
        LocalEngineTest.log("a1", "checkout", "Order 17 failed"),
        LocalEngineTest.log("a2", "checkout", "Order 23 failed"),
        LocalEngineTest.log("b1", "billing", "Invoice 9 is late"),
        "not json") + "\n");

    int exit = replay("--logs", logs.toString(), "--queue", queues.get("LogQueue"));

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("sent 2 error groups (from 3 logs, 1 skipped) to " + queues.get("LogQueue"));
    List<ErrorGroup> groups = receiveAll(queues.get("LogQueue")).stream().map(m -> Messages.readErrorGroup(m.body())).toList();
    assertThat(groups).extracting(ErrorGroup::service, ErrorGroup::count)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("checkout", 2L),
            org.assertj.core.groups.Tuple.tuple("billing", 1L));
    assertThat(groups).allSatisfy(group -> assertThat(group.runId()).startsWith("replay-"));
  }

  @Test
  void replayDlq_movesEveryMessageBackToTheQueueThatDeadLetteredIt() {
    for (int i = 0; i < 13; i++) {
      String body = "{\"n\":" + i + "}";
      AWS.sqs().sendMessage(r -> r.queueUrl(queues.get("LogDLQ")).messageBody(body));
    }

    int exit = replay("--dlq", queues.get("LogDLQ"));

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("redrove 13 messages from " + queues.get("LogDLQ") + " to " + queues.get("LogQueue"));
    assertThat(receiveAll(queues.get("LogQueue"))).hasSize(13);
    assertThat(receiveAll(queues.get("LogDLQ"))).isEmpty();
  }

  @Test
  void replayDlq_ofAQueueNothingDeadLettersTo_failsAskingForTo() {
    int exit = replay("--dlq", queues.get("LogQueue"));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("no queue has " + queues.get("LogQueue") + " as their dead-letter queue")
        .contains("--to");
  }

  @Test
  void replay_withoutLogsOrDlq_isAUsageError() {
    assertThat(replay()).isEqualTo(2);
    assertThat(err.toString()).contains("--logs=FILE").contains("--dlq=NAME|URL");
  }

  private int replay(String... args) {
    CommandLine commandLine = Dogcatcher.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 3];
    all[0] = "replay";
    all[1] = "--aws-endpoint";
    all[2] = AWS.endpoint();
    System.arraycopy(args, 0, all, 3, args.length);
    return commandLine.execute(all);
  }

  private static List<Message> receiveAll(String queue) {
    List<Message> all = new ArrayList<>();
    List<Message> batch;
    do {
      batch = AWS.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(60)).messages();
      all.addAll(batch);
    } while (!batch.isEmpty());
    return all;
  }
}
