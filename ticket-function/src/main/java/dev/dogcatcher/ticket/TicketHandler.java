package dev.dogcatcher.ticket;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.dogcatcher.aws.AwsClients;
import dev.dogcatcher.config.SecretsManagerSettings;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.dynamodb.DynamoDbFingerprintRegistry;
import dev.dogcatcher.embedded.OutboxTicketTracker;
import dev.dogcatcher.json.Messages;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.sqs.SqsBatch;
import dev.dogcatcher.ticket.jira.JiraTicketTracker;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Lambda entry point: files each AnalyzedError of a TicketQueue batch, reporting partial batch failures. */
public final class TicketHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final FileTicket fileTicket;

  /** Used by the Lambda runtime: builds the clients once, from the environment. */
  public TicketHandler() {
    this(compose(SecretsManagerSettings.load(System.getenv())));
  }

  TicketHandler(FileTicket fileTicket) {
    this.fileTicket = fileTicket;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return SqsBatch.process(event, message -> fileTicket.file(Messages.readAnalyzedError(message.getBody())));
  }

  private static FileTicket compose(Settings settings) {
    // Lambda has no lasting disk: a dry run there leaves its payloads in /tmp and its outcome lines in the log.
    TicketConfig config = TicketConfig.from(settings, Path.of("/tmp/dogcatcher-outbox"));
    TicketTracker tracker =
        config.jira().<TicketTracker>map(jira -> new JiraTicketTracker(jira,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()))
            .orElseGet(() -> new OutboxTicketTracker(config.outbox(), config.project()));
    String workerId = System.getenv().getOrDefault("AWS_LAMBDA_LOG_STREAM_NAME", "ticket-function");
    return new FileTicket(
        new DynamoDbFingerprintRegistry(AwsClients.dynamoDb(System.getenv()), settings.required("TABLE_NAME")),
        tracker, Clock.systemUTC(), config.policy(), workerId);
  }
}
