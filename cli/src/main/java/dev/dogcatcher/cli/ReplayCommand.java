package dev.dogcatcher.cli;

import dev.dogcatcher.aws.AwsClients;
import dev.dogcatcher.dynamodb.DynamoDbSlotStore;
import dev.dogcatcher.cli.aws.DlqRedrive;
import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.embedded.FileErrorLogSource;
import dev.dogcatcher.fetcher.FetchErrorLogs;
import dev.dogcatcher.fetcher.FetcherConfig;
import dev.dogcatcher.fetcher.FetchReport;
import dev.dogcatcher.json.Messages;
import dev.dogcatcher.port.FetchCursor;
import dev.dogcatcher.sqs.SqsErrorQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Operator tool: sends error logs into LogQueue as the fetcher would, or redrives a DLQ to its source queue. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "--logs FILE: reads Datadog log items (a {\"data\":[…]} response or JSON Lines), fingerprints and groups them",
      "as the fetcher does, and sends one ErrorGroup per distinct error to LogQueue.",
      "--dlq NAME: moves every message of a dead-letter queue back to its source queue.",
      "Every stage is idempotent: a replayed error never files a second ticket."
    })
final class ReplayCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true, multiplicity = "1")
  What what;

  static final class What {
    @Option(names = "--logs", paramLabel = "FILE", required = true, description = "Logs to send into LogQueue ('-' = stdin).")
    String logs;

    @Option(names = "--dlq", paramLabel = "NAME|URL", required = true, description = "A dead-letter queue to redrive, e.g. LogDLQ.")
    String dlq;
  }

  @Option(names = "--aws-endpoint", paramLabel = "URL", description = "SQS endpoint (default: AWS_ENDPOINT_URL; unset = AWS).")
  String awsEndpoint;

  @Option(names = "--queue", paramLabel = "NAME|URL", defaultValue = "LogQueue",
      description = "With --logs: the queue to send to. Default: ${DEFAULT-VALUE}.")
  String queue;

  @Option(names = "--table", paramLabel = "NAME", defaultValue = "${env:TABLE_NAME:-dogcatcher-registry}",
      description = "With --logs: the registry table whose learned slots group the logs. Default: ${DEFAULT-VALUE}.")
  String table;

  @Option(names = "--to", paramLabel = "NAME|URL",
      description = "With --dlq: the queue to move the messages to (default: the queue whose redrive policy targets the DLQ).")
  String to;

  @Spec CommandSpec spec;

  /** The environment; tests replace it. */
  Map<String, String> environment = System.getenv();

  /** The clock; tests replace it. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Settings settings = Settings.of(environment);
    Map<String, String> env = new HashMap<>(environment);
    if (awsEndpoint != null) {
      env.put("AWS_ENDPOINT_URL", awsEndpoint);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (SqsClient sqs = AwsClients.sqs(env)) {
      if (what.logs != null) {
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(env)) {
          return replayLogs(sqs, dynamoDb, settings, out);
        }
      }
      String dlqUrl = url(sqs, what.dlq);
      DlqRedrive redrive = new DlqRedrive(sqs);
      String target = to == null ? redrive.sourceOf(dlqUrl) : url(sqs, to);
      DlqRedrive.Result result = redrive.redrive(dlqUrl, target);
      out.printf("redrove %d messages from %s to %s%s%n", result.moved(), dlqUrl, target,
          result.failed() == 0 ? "" : " (" + result.failed() + " could not be sent and stay in the DLQ)");
      out.flush();
      return result.failed() == 0 ? 0 : 1;
    }
  }

  private int replayLogs(SqsClient sqs, DynamoDbClient dynamoDb, Settings settings, PrintWriter out) {
    String queueUrl = url(sqs, queue);
    FileErrorLogSource source;
    if (what.logs.equals("-")) {
      source = new FileErrorLogSource("stdin", () -> System.in);
    } else {
      Path file = Path.of(what.logs);
      if (!Files.isReadable(file)) {
        throw new ConfigException("--logs " + what.logs + ": no such readable file");
      }
      source = new FileErrorLogSource(file.getFileName().toString(), () -> open(file));
    }
    Instant now = clock.instant();
    // Slots learned by the fetcher group these logs as it would: a replayed log never files its word apart.
    FetchErrorLogs fetch = new FetchErrorLogs(source, NO_CURSOR,
        new SqsErrorQueue<>(sqs, queueUrl, Messages::write), FetcherConfig.fingerprinter(settings),
        new DynamoDbSlotStore(dynamoDb, table), clock, Duration.ZERO, Duration.ZERO);
    // A file is read whole (FileErrorLogSource applies no window); the run id names this replay.
    FetchReport report = fetch.fetch("replay-" + now, new TimeWindow(Instant.EPOCH, now));
    out.printf("sent %d error groups (from %d logs, %d skipped) to %s%n",
        report.groups().size(), report.logsRead() - report.rejected().size(), report.rejected().size(), queueUrl);
    report.rejected().stream().limit(5).forEach(r -> out.printf("skipped %s: %s%n", r.position(), r.reason()));
    out.flush();
    return 0;
  }

  /** A queue given as a URL, or as a name resolved with GetQueueUrl. */
  private static String url(SqsClient sqs, String queue) {
    if (queue.startsWith("http://") || queue.startsWith("https://")) {
      return queue;
    }
    try {
      return sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
    } catch (QueueDoesNotExistException e) {
      throw new ConfigException("no queue named " + queue + " at this endpoint (create them with `dogcatcher run --aws-endpoint URL`)");
    }
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A replay moves no fetch cursor. */
  private static final FetchCursor NO_CURSOR = new FetchCursor() {
    @Override
    public Optional<Instant> position(String source) {
      return Optional.empty();
    }

    @Override
    public void advance(String source, Instant to) {}
  };

}
