package dev.dogcatcher.fetcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.dogcatcher.aws.AwsClients;
import dev.dogcatcher.config.SecretsManagerSettings;
import dev.dogcatcher.dynamodb.DynamoDbFetchCursor;
import dev.dogcatcher.dynamodb.DynamoDbSlotStore;
import dev.dogcatcher.fetcher.datadog.DatadogErrorLogSource;
import dev.dogcatcher.json.Messages;
import dev.dogcatcher.sqs.SqsErrorQueue;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lambda entry point for the schedule: fetches the next window and publishes its error groups. */
public final class FetcherHandler implements RequestHandler<ScheduledEvent, String> {

  private final FetchErrorLogs fetchErrorLogs;
  private final Clock clock;

  /** Used by the Lambda runtime: builds the clients once, from the environment. */
  public FetcherHandler() {
    this(compose(FetcherConfig.from(SecretsManagerSettings.load(System.getenv()))), Clock.systemUTC());
  }

  FetcherHandler(FetchErrorLogs fetchErrorLogs, Clock clock) {
    this.fetchErrorLogs = fetchErrorLogs;
    this.clock = clock;
  }

  /** Returns a one-line summary; the run id is the schedule's time, so a retried invocation reuses it. */
  @Override
  public String handleRequest(ScheduledEvent event, Context context) {
    Instant scheduled = event.getTime() == null ? clock.instant() : Instant.ofEpochMilli(event.getTime().getMillis());
    FetchReport report = fetchErrorLogs.fetchNext("run-" + scheduled);
    return "window=[" + report.window().from() + ", " + report.window().to() + "), logs=" + report.logsRead()
        + ", rejected=" + report.rejected().size() + ", groups=" + report.groups().size();
  }

  private static FetchErrorLogs compose(FetcherConfig config) {
    DynamoDbClient dynamoDb = AwsClients.dynamoDb(System.getenv());
    return new FetchErrorLogs(
        new DatadogErrorLogSource(config.datadog(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()),
        new DynamoDbFetchCursor(dynamoDb, config.tableName()),
        new SqsErrorQueue<>(AwsClients.sqs(System.getenv()), config.logQueueUrl(), Messages::write),
        config.fingerprinter(),
        new DynamoDbSlotStore(dynamoDb, config.tableName()),
        Clock.systemUTC(),
        config.lag(),
        config.lookback());
  }
}
