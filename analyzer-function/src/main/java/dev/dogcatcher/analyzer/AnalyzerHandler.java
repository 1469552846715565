package dev.dogcatcher.analyzer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.dogcatcher.analyzer.redact.Redactor;
import dev.dogcatcher.aws.AwsClients;
import dev.dogcatcher.config.SecretsManagerSettings;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.dynamodb.DynamoDbFingerprintRegistry;
import dev.dogcatcher.dynamodb.DynamoDbSlotStore;
import dev.dogcatcher.json.Messages;
import dev.dogcatcher.sqs.SqsBatch;
import dev.dogcatcher.sqs.SqsErrorQueue;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Lambda entry point: analyses each ErrorGroup of a LogQueue batch, reporting partial batch failures. */
public final class AnalyzerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final LogQueueMessages messages;
  private final AnalyzeError analyzeError;

  /** Used by the Lambda runtime: builds the clients once, from the environment. */
  public AnalyzerHandler() {
    this(SecretsManagerSettings.load(System.getenv()), AwsClients.dynamoDb(System.getenv()));
  }

  private AnalyzerHandler(Settings settings, DynamoDbClient dynamoDb) {
    this(
        new LogQueueMessages(LogQueueMessages.fingerprinter(settings),
            new DynamoDbSlotStore(dynamoDb, AnalyzerConfig.from(settings).tableName()).readOnly(), Clock.systemUTC()),
        compose(settings, dynamoDb));
  }

  AnalyzerHandler(LogQueueMessages messages, AnalyzeError analyzeError) {
    this.messages = messages;
    this.analyzeError = analyzeError;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return SqsBatch.process(event, message -> analyzeError.analyze(messages.read(message)));
  }

  private static AnalyzeError compose(Settings settings, DynamoDbClient dynamoDb) {
    AnalyzerConfig config = AnalyzerConfig.from(settings);
    Analysts analysts = Analysts.from(settings);
    return new AnalyzeError(
        new DynamoDbFingerprintRegistry(dynamoDb, config.tableName()),
        config.destination(),
        new Redactor(),
        analysts.primary(),
        analysts.fallback(),
        new SqsErrorQueue<>(AwsClients.sqs(System.getenv()), config.ticketQueueUrl(), Messages::write));
  }
}
