package dev.dogcatcher.cli.aws;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.dogcatcher.analyzer.AnalyzeError;
import dev.dogcatcher.analyzer.LogQueueMessages;
import dev.dogcatcher.cli.CreationObserver;
import dev.dogcatcher.analyzer.redact.Redactor;
import dev.dogcatcher.aws.LocalContext;
import dev.dogcatcher.dynamodb.DynamoDbFetchCursor;
import dev.dogcatcher.dynamodb.DynamoDbFingerprintRegistry;
import dev.dogcatcher.dynamodb.DynamoDbSlotStore;
import dev.dogcatcher.fetcher.FetchErrorLogs;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.json.Messages;
import dev.dogcatcher.port.ErrorAnalyst;
import dev.dogcatcher.port.ErrorLogSource;
import dev.dogcatcher.port.FingerprintRegistry;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.sqs.SqsErrorQueue;
import dev.dogcatcher.sqs.SqsEventSource;
import dev.dogcatcher.ticket.FileTicket;
import dev.dogcatcher.ticket.TicketPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The serverless pipeline on real SQS queues and a real DynamoDB table, with the Lambda handlers run by
 * {@link SqsEventSource}s instead of Lambda: FetcherHandler publishes to LogQueue, AnalyzerHandler
 * consumes it into TicketQueue, TicketHandler files from it, every state in the registry table.
 *
 * <p>A run fetches once, then works until both queues stay empty for a quiet period, so that whatever
 * else is on the queues (a message sent by hand, a redriven DLQ) is processed too.
 */
final class AwsEngine {

  /** template.yaml: TicketFunction's ScalingConfig.MaximumConcurrency (to spare Jira's rate limit). */
  static final int TICKET_CONCURRENCY = 2;

  /** template.yaml: both event sources' BatchSize. */
  static final int BATCH_SIZE = 10;

  private final SqsClient sqs;
  private final DynamoDbClient dynamoDb;
  private final AwsResources resources;
  private final ErrorLogSource source;
  private final TicketTracker tracker;
  private final ErrorAnalyst analyst;
  private final ErrorAnalyst fallback;
  private final Fingerprinter fingerprinter;
  private final TicketPolicy policy;
  private final Clock clock;
  private final Options options;

  /**
   * How a run behaves: analyzer workers (the analyzer's MaximumConcurrency), how far back the first
   * fetch reads, how soon a failed message is retried (instead of the queue's VisibilityTimeout), how
   * long the queues must stay empty to end the run, and the longest a run may take.
   */
  record Options(int workers, Duration lookback, Duration retryDelay, Duration quiet, Duration timeout) {

    public Options {
      if (workers < 1) {
        throw new IllegalArgumentException("workers < 1: " + workers);
      }
      requireNonNull(lookback, "lookback == null");
      requireNonNull(retryDelay, "retryDelay == null");
      requireNonNull(quiet, "quiet == null");
      requireNonNull(timeout, "timeout == null");
    }
  }

  /**
   * @param dynamoDb against an emulator, a {@link dev.dogcatcher.aws.SerialDynamoDbClient} (moto's
   *     conditional writes are not atomic under concurrency)
   */
  AwsEngine(
      SqsClient sqs,
      DynamoDbClient dynamoDb,
      AwsResources resources,
      ErrorLogSource source,
      TicketTracker tracker,
      ErrorAnalyst analyst,
      ErrorAnalyst fallback,
      Fingerprinter fingerprinter,
      TicketPolicy policy,
      Clock clock,
      Options options) {
    this.sqs = requireNonNull(sqs, "sqs == null");
    this.dynamoDb = requireNonNull(dynamoDb, "dynamoDb == null");
    this.resources = requireNonNull(resources, "resources == null");
    this.source = requireNonNull(source, "source == null");
    this.tracker = requireNonNull(tracker, "tracker == null");
    this.analyst = requireNonNull(analyst, "analyst == null");
    this.fallback = requireNonNull(fallback, "fallback == null");
    this.fingerprinter = requireNonNull(fingerprinter, "fingerprinter == null");
    this.policy = requireNonNull(policy, "policy == null");
    this.clock = requireNonNull(clock, "clock == null");
    this.options = requireNonNull(options, "options == null");
  }

  /** What one run did. */
  record Report(
      String fetched,
      SqsEventSource.Stats analyzer,
      SqsEventSource.Stats tickets,
      long ticketsCreated,
      long deadLettered,
      long wallMs) {}

  /** Fetches once, then processes both queues until they stay empty for the quiet period. */
  Report run() {
    long started = System.nanoTime();
    String table = resources.table();
    FingerprintRegistry registry = new DynamoDbFingerprintRegistry(dynamoDb, table);
    AtomicLong created = new AtomicLong();
    TicketTracker counting = new CreationObserver(tracker, ticket -> created.incrementAndGet());
    long deadBefore = deadLetters();
    var analyzerHandler =
        Handlers.analyzer(
            new LogQueueMessages(fingerprinter, new DynamoDbSlotStore(dynamoDb, table).readOnly(), clock),
            new AnalyzeError(registry, tracker.destination(), new Redactor(), analyst, fallback,
                new SqsErrorQueue<>(sqs, resources.queueUrl("TicketQueue"), Messages::write)));
    var ticketHandler =
        Handlers.ticket(new FileTicket(registry, counting, clock, policy, "dogcatcher-aws"));
    var fetcherHandler =
        Handlers.fetcher(
            new FetchErrorLogs(source, new DynamoDbFetchCursor(dynamoDb, table),
                new SqsErrorQueue<>(sqs, resources.queueUrl("LogQueue"), Messages::write), fingerprinter,
                new DynamoDbSlotStore(dynamoDb, table), clock, Duration.ZERO, options.lookback()),
            clock);
    SqsEventSource analyzers =
        SqsEventSource.builder(sqs, resources.queueUrl("LogQueue"), analyzerHandler)
            .name("AnalyzerFunction").batchSize(BATCH_SIZE).maximumConcurrency(options.workers())
            .retryDelay(options.retryDelay()).build();
    SqsEventSource tickets =
        SqsEventSource.builder(sqs, resources.queueUrl("TicketQueue"), ticketHandler)
            .name("TicketFunction").batchSize(BATCH_SIZE).maximumConcurrency(TICKET_CONCURRENCY)
            .retryDelay(options.retryDelay()).build();
    String fetched;
    try {
      analyzers.start();
      tickets.start();
      Instant now = clock.instant();
      ScheduledEvent schedule = new ScheduledEvent().withTime(new DateTime(now.toEpochMilli(), DateTimeZone.UTC))
          .withSource("dogcatcher.cli").withDetailType("Scheduled Event");
      fetched = fetcherHandler.handleRequest(schedule, new LocalContext("FetcherFunction"));
      SqsEventSource.drain(options.quiet(), options.timeout(), analyzers, tickets);
    } finally {
      analyzers.stop();
      tickets.stop();
    }
    return new Report(fetched, analyzers.stats(), tickets.stats(), created.get(),
        Math.max(0, deadLetters() - deadBefore), (System.nanoTime() - started) / 1_000_000);
  }

  /** Messages in LogDLQ and TicketDLQ together. */
  private long deadLetters() {
    long total = 0;
    for (String dlq : new String[] {"LogDLQ", "TicketDLQ"}) {
      total += Long.parseLong(
          sqs.getQueueAttributes(r -> r.queueUrl(resources.queueUrl(dlq))
                  .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
              .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
    return total;
  }
}
