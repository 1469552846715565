package dev.dogcatcher.cli.aws;

import dev.dogcatcher.aws.AwsClients;
import dev.dogcatcher.aws.SerialDynamoDbClient;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.port.ErrorAnalyst;
import dev.dogcatcher.port.ErrorLogSource;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.sqs.SqsEventSource;
import dev.dogcatcher.ticket.TicketPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code dogcatcher run --aws-endpoint URL}: the run command's AWS path. Creates template.yaml's queues
 * and table at the endpoint if missing, runs {@link AwsEngine} and prints what it did.
 */
public final class AwsRun {

  /** A failed message is retried after this, not after the queue's VisibilityTimeout (12 min for LogQueue). */
  static final Duration RETRY_DELAY = Duration.ofSeconds(2);

  /** The queues must stay empty this long to end a run (long enough for a retry to come back). */
  static final Duration QUIET = RETRY_DELAY.plusSeconds(1);

  static final Duration TIMEOUT = Duration.ofMinutes(30);

  /** The credentials and region names AwsClients reads; everything else stays out of the client map. */
  private static final List<String> AWS_NAMES =
      List.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

  private AwsRun() {}

  /** The endpoint this run targets: the option, else AWS_ENDPOINT_URL; null for the local engine. */
  public static String endpoint(String option, Settings settings) {
    return option != null && !option.isBlank() ? option.strip() : settings.optional("AWS_ENDPOINT_URL", null);
  }

  /**
   * Runs the pipeline against {@code endpoint} and prints its summary.
   *
   * @return the exit code: 0, or 1 when a message was dead-lettered during the run
   */
  public static int call(
      String endpoint,
      Settings settings,
      ErrorLogSource source,
      TicketTracker tracker,
      ErrorAnalyst analyst,
      ErrorAnalyst fallback,
      Fingerprinter fingerprinter,
      TicketPolicy policy,
      Clock clock,
      int workers,
      Duration lookback,
      Path report,
      String destination,
      PrintWriter out)
      throws IOException {
    Map<String, String> env = clientEnvironment(endpoint, settings);
    try (SqsClient sqs = AwsClients.sqs(env);
        DynamoDbClient dynamoDb = SerialDynamoDbClient.wrap(AwsClients.dynamoDb(env))) {
      AwsResources resources =
          AwsResources.ensure(AwsResources.bundledTemplate(), sqs, dynamoDb);
      out.println("AWS path on " + endpoint + " (unset AWS_ENDPOINT_URL and drop --aws-endpoint for the local engine)");
      out.printf("%-22s %s%n", "table", resources.table());
      resources.queueUrls().forEach((id, url) -> out.printf("%-22s %s%n", id, url));
      out.flush();
      AwsEngine.Report result =
          new AwsEngine(sqs, dynamoDb, resources, source, tracker, analyst, fallback, fingerprinter, policy, clock,
              new AwsEngine.Options(workers, lookback, RETRY_DELAY, QUIET, TIMEOUT))
              .run();
      if (report != null) {
        Path parent = report.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(report.toFile(), result);
      }
      print(out, result, destination);
      return result.deadLettered() == 0 ? 0 : 1;
    }
  }

  static Map<String, String> clientEnvironment(String endpoint, Settings settings) {
    Map<String, String> env = new HashMap<>();
    for (String name : AWS_NAMES) {
      if (settings.has(name)) {
        env.put(name, settings.required(name));
      }
    }
    env.put("AWS_ENDPOINT_URL", endpoint);
    return env;
  }

  private static void print(PrintWriter out, AwsEngine.Report report, String destination) {
    out.println();
    out.printf("%-22s %s%n", "fetched", report.fetched());
    line(out, "LogQueue → analyzer", report.analyzer());
    line(out, "TicketQueue → ticket", report.tickets());
    out.printf("%-22s %,d%n", "tickets created", report.ticketsCreated());
    out.printf("%-22s %,d%n", "dead-lettered", report.deadLettered());
    out.printf("%-22s %,d ms%n", "wall time", report.wallMs());
    out.printf("%-22s %s%n", "tickets in", destination);
    out.flush();
  }

  private static void line(PrintWriter out, String what, SqsEventSource.Stats stats) {
    out.printf("%-22s %,d messages in %,d invocations: %,d done, %,d left for retry (%,d function errors)%n",
        what, stats.received(), stats.invocations(), stats.succeeded(), stats.failed(), stats.functionErrors());
  }
}
