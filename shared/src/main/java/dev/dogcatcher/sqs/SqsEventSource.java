package dev.dogcatcher.sqs;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.dogcatcher.aws.LocalContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Does locally what the Lambda SQS event source mapping does in AWS: long-polls a queue, hands each
 * batch to a {@code RequestHandler<SQSEvent, SQSBatchResponse>} as an {@link SQSEvent}, deletes the
 * messages the handler did not report in {@code batchItemFailures}, and leaves the rest on the queue
 * for redelivery (and, after the queue's maxReceiveCount, for its DLQ).
 *
 * <p>What it reproduces from the mapping (with {@code FunctionResponseTypes: ReportBatchItemFailures}):
 *
 * <ul>
 *   <li>At most {@code maximumConcurrency} invocations in flight ({@code ScalingConfig.MaximumConcurrency}):
 *       each of that many workers receives a batch, invokes the handler, and only then receives again.
 *   <li>A null response or an empty {@code batchItemFailures} list means the whole batch succeeded; an
 *       item identifier that is null, empty or not a message of the batch fails the whole batch; a
 *       handler that throws fails the whole batch (a function error).
 *   <li>The event carries {@code messageId, receiptHandle, body, md5OfBody, attributes} (the system
 *       attributes, among them {@code ApproximateReceiveCount}), {@code messageAttributes},
 *       {@code eventSource = aws:sqs}, {@code eventSourceARN} and {@code awsRegion}.
 * </ul>
 *
 * <p>One deliberate difference, off unless asked for: {@link Builder#retryDelay} sets a failed
 * message's visibility timeout to a short value (ChangeMessageVisibility), so that a retry comes after
 * that delay instead of after the queue's VisibilityTimeout (12 minutes for LogQueue). Lambda itself
 * leaves failed messages invisible for the whole VisibilityTimeout.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Lambda:
 *     handling errors for an SQS event source (partial batch responses)</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html">Lambda: SQS
 *     scaling and maximum concurrency</a>
 */
public final class SqsEventSource implements AutoCloseable {

  /** ReceiveMessage and DeleteMessageBatch take at most 10 messages. */
  static final int MAX_BATCH_SIZE = 10;

  /** ReceiveMessage's longest wait. */
  static final Duration MAX_WAIT = Duration.ofSeconds(20);

  private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);

  /** How often {@link #drain} looks at the queues. */
  private static final Duration DRAIN_POLL = Duration.ofMillis(50);

  /** Pause after a failed ReceiveMessage, so that an unreachable queue is not hammered. */
  private static final Duration RECEIVE_BACKOFF = Duration.ofMillis(500);

  private final SqsClient client;
  private final String queueUrl;
  private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
  private final String name;
  private final int batchSize;
  private final int maximumConcurrency;
  private final Duration waitTime;
  private final Duration retryDelay;

  private final Object lifecycle = new Object();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicLong invocations = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong functionErrors = new AtomicLong();
  private volatile boolean running;
  private ExecutorService workers;
  private String queueArn;
  private String region;

  private SqsEventSource(Builder builder) {
    this.client = builder.client;
    this.queueUrl = builder.queueUrl;
    this.handler = builder.handler;
    this.name = builder.name;
    this.batchSize = builder.batchSize;
    this.maximumConcurrency = builder.maximumConcurrency;
    this.waitTime = builder.waitTime;
    this.retryDelay = builder.retryDelay;
  }

  /** A builder for an event source that feeds {@code handler} from the queue at {@code queueUrl}. */
  public static Builder builder(
      SqsClient client, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
    return new Builder(client, queueUrl, handler);
  }

  /** Reads the queue's ARN, then starts the workers; returns this. */
  public SqsEventSource start() {
    synchronized (lifecycle) {
      if (workers != null) {
        throw new IllegalStateException(name + " is already started");
      }
      queueArn =
          client
              .getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      String[] arn = queueArn == null ? new String[0] : queueArn.split(":");
      region = arn.length > 3 ? arn[3] : "";
      running = true;
      AtomicInteger number = new AtomicInteger();
      workers =
          Executors.newFixedThreadPool(
              maximumConcurrency,
              runnable -> {
                Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      for (int i = 0; i < maximumConcurrency; i++) {
        workers.execute(this::poll);
      }
      LOG.info(
          "polling {} for {}: batchSize={}, maximumConcurrency={}, retryDelay={}",
          queueUrl, name, batchSize, maximumConcurrency, retryDelay == null ? "visibility timeout" : retryDelay);
      return this;
    }
  }

  /**
   * Stops receiving and waits for the invocations in flight (and their deletes) to finish; a worker
   * in a long poll returns within the wait time. Messages received but not yet handled reappear after
   * their visibility timeout, as they would after a poller restart in AWS.
   */
  public void stop() {
    ExecutorService pool;
    synchronized (lifecycle) {
      running = false;
      pool = workers;
      workers = null;
    }
    if (pool == null) {
      return;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(waitTime.toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** What this event source has done so far. */
  public Stats stats() {
    return new Stats(
        invocations.get(), received.get(), succeeded.get(), failed.get(), functionErrors.get(),
        maxInFlight.get());
  }

  /** The queue this source polls. */
  public String queueUrl() {
    return queueUrl;
  }

  /**
   * Counts of one event source: invocations, messages received, deleted after success, left for
   * redelivery, invocations that threw, and the most invocations ever in flight at once.
   */
  public record Stats(
      long invocations, long received, long succeeded, long failed, long functionErrors, int maxInFlight) {}

  /**
   * Waits until every source's queue is empty (no visible, in-flight or delayed message) and no
   * invocation runs, continuously for {@code quiet}; sources may feed each other, so all must be quiet
   * at once. Polls the queue counters, which are approximate on AWS and exact on emulators.
   *
   * @throws IllegalStateException when that did not happen within {@code timeout}, naming what was left
   */
  public static void drain(Duration quiet, Duration timeout, SqsEventSource... sources) {
    Instant deadline = Instant.now().plus(timeout);
    Instant quietSince = null;
    while (true) {
      List<String> busy = new ArrayList<>();
      for (SqsEventSource source : sources) {
        source.busy().ifPresent(busy::add);
      }
      Instant now = Instant.now();
      if (busy.isEmpty()) {
        if (quietSince == null) {
          quietSince = now;
        } else if (!now.isBefore(quietSince.plus(quiet))) {
          return;
        }
      } else {
        quietSince = null;
      }
      if (now.isAfter(deadline)) {
        throw new IllegalStateException(
            "queues not drained within " + timeout + ": " + (busy.isEmpty() ? "not quiet long enough" : busy));
      }
      try {
        Thread.sleep(DRAIN_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while draining", e);
      }
    }
  }

  /** What keeps this source's queue from being drained, if anything. */
  private Optional<String> busy() {
    Map<QueueAttributeName, String> counts =
        client
            .getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
            .attributes();
    long waiting = 0;
    for (String count : counts.values()) {
      waiting += Long.parseLong(count);
    }
    int running = inFlight.get();
    if (waiting == 0 && running == 0) {
      return Optional.empty();
    }
    return Optional.of(name + ": " + counts + ", invocations in flight=" + running);
  }

  private void poll() {
    while (running) {
      List<Message> messages;
      try {
        messages =
            client
                .receiveMessage(
                    r ->
                        r.queueUrl(queueUrl)
                            .maxNumberOfMessages(batchSize)
                            .waitTimeSeconds((int) waitTime.toSeconds())
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                            .messageAttributeNames("All"))
                .messages();
      } catch (SdkException e) {
        if (running) {
          LOG.warn("cannot receive from {} for {}: {}", queueUrl, name, SqsBatch.describe(e));
          pause(RECEIVE_BACKOFF);
        }
        continue;
      }
      if (!messages.isEmpty()) {
        invoke(messages);
      }
    }
  }

  private void invoke(List<Message> messages) {
    received.addAndGet(messages.size());
    invocations.incrementAndGet();
    SQSEvent event = event(messages);
    Set<String> ids = new HashSet<>();
    messages.forEach(message -> ids.add(message.messageId()));
    Set<String> failedIds;
    int running = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(running, Math::max);
    try {
      failedIds = failures(handler.handleRequest(event, new LocalContext(name)), ids);
    } catch (RuntimeException | Error e) {
      // A function error: Lambda retries the whole batch. An Error (e.g. a crashed runtime) ends the
      // invocation the same way; the poller itself goes on.
      functionErrors.incrementAndGet();
      LOG.warn(
          "{} failed a whole batch of {} from {}, left for redelivery: {}",
          name, messages.size(), queueUrl, SqsBatch.describe(e));
      failedIds = ids;
    } finally {
      inFlight.decrementAndGet();
    }
    List<Message> done = new ArrayList<>();
    List<Message> retry = new ArrayList<>();
    for (Message message : messages) {
      (failedIds.contains(message.messageId()) ? retry : done).add(message);
    }
    delete(done);
    succeeded.addAndGet(done.size());
    failed.addAndGet(retry.size());
    if (retryDelay != null && !retry.isEmpty()) {
      changeVisibility(retry);
    }
  }

  /**
   * The ids to leave on the queue. A null response or failure list = all succeeded; a failure entry
   * that names no message of the batch makes Lambda treat the whole batch as failed.
   */
  private Set<String> failures(SQSBatchResponse response, Set<String> ids) {
    if (response == null || response.getBatchItemFailures() == null) {
      return Set.of();
    }
    Set<String> failures = new HashSet<>();
    for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
      String id = failure == null ? null : failure.getItemIdentifier();
      if (id == null || id.isEmpty() || !ids.contains(id)) {
        LOG.warn(
            "{} reported an unknown batch item failure '{}': the whole batch is left for redelivery", name, id);
        return ids;
      }
      failures.add(id);
    }
    return failures;
  }

  private void delete(List<Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(messages.get(i).receiptHandle())
              .build());
    }
    try {
      var response = client.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
      if (response.hasFailed() && !response.failed().isEmpty()) {
        // The message comes back after its visibility timeout; every stage is idempotent (DESIGN §1).
        LOG.warn("{}: {} handled messages could not be deleted from {} and will be delivered again: {}",
            name, response.failed().size(), queueUrl, response.failed().get(0).code());
      }
    } catch (SdkException e) {
      LOG.warn("{}: {} handled messages could not be deleted from {} and will be delivered again: {}",
          name, messages.size(), queueUrl, SqsBatch.describe(e));
    }
  }

  private void changeVisibility(List<Message> messages) {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(
          ChangeMessageVisibilityBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(messages.get(i).receiptHandle())
              .visibilityTimeout((int) retryDelay.toSeconds())
              .build());
    }
    try {
      client.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries));
    } catch (SdkException e) {
      // The messages still come back, after the queue's visibility timeout.
      LOG.warn("{}: cannot shorten the visibility of {} failed messages on {}: {}",
          name, messages.size(), queueUrl, SqsBatch.describe(e));
    }
  }

  private SQSEvent event(List<Message> messages) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>(messages.size());
    for (Message message : messages) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId(message.messageId());
      record.setReceiptHandle(message.receiptHandle());
      record.setBody(message.body());
      record.setMd5OfBody(message.md5OfBody());
      record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
      record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
      record.setMessageAttributes(messageAttributes(message.messageAttributes()));
      record.setEventSource("aws:sqs");
      record.setEventSourceArn(queueArn);
      record.setAwsRegion(region);
      records.add(record);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  private static Map<String, SQSEvent.MessageAttribute> messageAttributes(
      Map<String, MessageAttributeValue> values) {
    Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
          attribute.setDataType(value.dataType());
          attribute.setStringValue(value.stringValue());
          if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
          }
          attributes.put(key, attribute);
        });
    return attributes;
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Configures an {@link SqsEventSource}; the defaults are template.yaml's for AnalyzerFunction. */
  public static final class Builder {

    private final SqsClient client;
    private final String queueUrl;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private String name = "sqs-event-source";
    private int batchSize = MAX_BATCH_SIZE;
    private int maximumConcurrency = 2;
    private Duration waitTime = Duration.ofSeconds(1);
    private Duration retryDelay;

    private Builder(SqsClient client, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
      this.client = requireNonNull(client, "client == null");
      this.queueUrl = requireNonNull(queueUrl, "queueUrl == null");
      this.handler = requireNonNull(handler, "handler == null");
    }

    /** Names the worker threads and the log lines, e.g. the function's logical id. */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name == null");
      return this;
    }

    /** The mapping's BatchSize: at most this many messages per invocation, 1 to 10. */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException("batchSize must be between 1 and 10, was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** ScalingConfig.MaximumConcurrency: at most this many invocations at once (Lambda's minimum is 2). */
    public Builder maximumConcurrency(int maximumConcurrency) {
      if (maximumConcurrency < 1 || maximumConcurrency > 1000) {
        throw new IllegalArgumentException(
            "maximumConcurrency must be between 1 and 1000, was " + maximumConcurrency);
      }
      this.maximumConcurrency = maximumConcurrency;
      return this;
    }

    /**
     * Long polling: how long one ReceiveMessage waits for messages, whole seconds up to 20. Keep it
     * below the SQS client's socket timeout (10 s for {@code AwsClients}); it also bounds how long
     * {@link #stop()} takes.
     */
    public Builder waitTime(Duration waitTime) {
      if (waitTime.isNegative() || waitTime.compareTo(MAX_WAIT) > 0) {
        throw new IllegalArgumentException("waitTime must be between 0 and 20 s, was " + waitTime);
      }
      this.waitTime = waitTime;
      return this;
    }

    /**
     * Makes a failed message visible again after {@code delay} (ChangeMessageVisibility) instead of
     * after the queue's VisibilityTimeout; for tests and the local engine, not something Lambda does.
     */
    public Builder retryDelay(Duration delay) {
      if (delay.isNegative() || delay.compareTo(Duration.ofHours(12)) > 0) {
        throw new IllegalArgumentException("retryDelay must be between 0 and 12 h, was " + delay);
      }
      this.retryDelay = delay;
      return this;
    }

    public SqsEventSource build() {
      return new SqsEventSource(this);
    }
  }
}
