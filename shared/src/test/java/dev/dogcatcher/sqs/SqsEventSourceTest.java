package dev.dogcatcher.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.dogcatcher.aws.AwsEmulator;
import dev.dogcatcher.aws.TemplateResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The local event source mapping against moto_server: what is deleted, what is retried, how many at once. */
class SqsEventSourceTest {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  private static final Duration QUIET = Duration.ofMillis(300);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final List<SqsEventSource> sources = new ArrayList<>();
  private final List<SQSEvent.SQSMessage> delivered = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    sources.forEach(SqsEventSource::stop);
  }

  @Test
  void start_whenMessagesWait_invokesWithLambdaShapedRecordsAndDeletesThem() {
    String queue = queue();
    send(queue, "one", "two", "three");

    SqsEventSource source = start(queue, recording(message -> {}), 2, null);
    SqsEventSource.drain(QUIET, TIMEOUT, source);

    assertThat(delivered).extracting(SQSEvent.SQSMessage::getBody).containsExactlyInAnyOrder("one", "two", "three");
    String arn = attributes(queue).get(QueueAttributeName.QUEUE_ARN);
    assertThat(delivered).allSatisfy(record -> {
      assertThat(record.getMessageId()).isNotBlank();
      assertThat(record.getReceiptHandle()).isNotBlank();
      assertThat(record.getMd5OfBody()).hasSize(32);
      assertThat(record.getEventSource()).isEqualTo("aws:sqs");
      assertThat(record.getEventSourceArn()).isEqualTo(arn);
      assertThat(record.getAwsRegion()).isEqualTo(arn.split(":")[3]);
      assertThat(record.getAttributes())
          .containsEntry("ApproximateReceiveCount", "1")
          .containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp");
    });
    assertThat(source.stats().succeeded()).isEqualTo(3);
    assertThat(waiting(queue)).isZero();
  }

  @Test
  void batchItemFailure_leavesOnlyThatMessageForRedelivery() {
    String queue = queue();
    send(queue, "ok-1", "bad", "ok-2");
    AtomicBoolean failedOnce = new AtomicBoolean();

    SqsEventSource source = start(queue, recording(message -> {
      if (message.getBody().equals("bad") && failedOnce.compareAndSet(false, true)) {
        throw new IllegalStateException("first try fails");
      }
    }), 2, Duration.ZERO);
    SqsEventSource.drain(QUIET, TIMEOUT, source);

    assertThat(bodies()).containsExactlyInAnyOrder("ok-1", "bad", "bad", "ok-2");
    assertThat(delivered).filteredOn(m -> m.getBody().equals("bad"))
        .extracting(m -> m.getAttributes().get("ApproximateReceiveCount"))
        .containsExactly("1", "2");
    assertThat(source.stats().failed()).isEqualTo(1);
  }

  @Test
  void handlerThatThrows_failsTheWholeBatch() {
    String queue = queue();
    send(queue, "a", "b", "c");
    AtomicBoolean thrown = new AtomicBoolean();
    List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

    SqsEventSource source = start(queue, (event, context) -> {
      batches.add(event.getRecords().stream().map(SQSEvent.SQSMessage::getBody).toList());
      if (thrown.compareAndSet(false, true)) {
        throw new IllegalStateException("function error");
      }
      return new SQSBatchResponse(List.of());
    }, 1, Duration.ZERO);
    SqsEventSource.drain(QUIET, TIMEOUT, source);

    List<String> firstBatch = batches.get(0);
    List<String> later = batches.subList(1, batches.size()).stream().flatMap(List::stream).toList();
    assertThat(later).containsAll(firstBatch).containsExactlyInAnyOrderElementsOf(List.of("a", "b", "c"));
    assertThat(source.stats().functionErrors()).isEqualTo(1);
  }

  @Test
  void failureNamingNoMessageOfTheBatch_failsTheWholeBatch() {
    String queue = queue();
    send(queue, "x");
    AtomicInteger calls = new AtomicInteger();

    SqsEventSource source = start(queue, (event, context) -> new SQSBatchResponse(
        calls.incrementAndGet() == 1 ? List.of(new SQSBatchResponse.BatchItemFailure("not-in-batch")) : null),
        1, Duration.ZERO);
    SqsEventSource.drain(QUIET, TIMEOUT, source);

    assertThat(calls).hasValue(2);
    assertThat(source.stats().failed()).isEqualTo(1);
    assertThat(source.stats().succeeded()).isEqualTo(1);
  }

  @Test
  void maximumConcurrency_boundsTheInvocationsInFlight() throws InterruptedException {
    String queue = queue();
    send(queue, java.util.stream.IntStream.range(0, 30).mapToObj(i -> "m" + i).toArray(String[]::new));
    AtomicInteger current = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    CountDownLatch threeInside = new CountDownLatch(3);

    SqsEventSource source = start(queue, (event, context) -> {
      highest.accumulateAndGet(current.incrementAndGet(), Math::max);
      threeInside.countDown();
      try {
        // The first three invocations wait for each other: proof that three may overlap.
        threeInside.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      current.decrementAndGet();
      return new SQSBatchResponse(List.of());
    }, 3, null, 1);
    SqsEventSource.drain(QUIET, TIMEOUT, source);

    assertThat(threeInside.getCount()).isZero();
    assertThat(highest).hasValue(3);
    assertThat(source.stats().maxInFlight()).isEqualTo(3);
    assertThat(source.stats().succeeded()).isEqualTo(30);
  }

  @Test
  void messageThatAlwaysFails_movesToTheDlqAfterMaxReceiveCount() {
    Map<String, String> urls = TemplateResources.fromRepository().createQueues(AWS.sqs(), TemplateResources.uniqueSuffix());
    send(urls.get("LogQueue"), "poison");

    SqsEventSource source = start(urls.get("LogQueue"), recording(message -> {
      throw new IllegalArgumentException("never valid");
    }), 2, Duration.ZERO);
    SqsEventSource.drain(QUIET, TIMEOUT, source);

    // template.yaml: LogQueue's maxReceiveCount is 5.
    assertThat(delivered).extracting(m -> m.getAttributes().get("ApproximateReceiveCount"))
        .containsExactly("1", "2", "3", "4", "5");
    List<Message> dead = AWS.sqs().receiveMessage(r -> r.queueUrl(urls.get("LogDLQ")).maxNumberOfMessages(10)).messages();
    assertThat(dead).extracting(Message::body).containsExactly("poison");
  }

  @Test
  void stop_endsPolling_laterMessagesStayQueued() {
    String queue = queue();
    SqsEventSource source = start(queue, recording(message -> {}), 2, null);
    send(queue, "before");
    SqsEventSource.drain(QUIET, TIMEOUT, source);

    source.stop();
    send(queue, "after");

    assertThat(bodies()).containsExactly("before");
    assertThat(waiting(queue)).isEqualTo(1);
  }

  @Test
  void drain_whenAFailedMessageWaitsOutItsVisibilityTimeout_failsNamingTheQueue() {
    String queue = queue();
    send(queue, "stuck");
    SqsEventSource source = start(queue, recording(message -> {
      throw new IllegalStateException("fails");
    }), 1, null);

    assertThatThrownBy(() -> SqsEventSource.drain(QUIET, Duration.ofSeconds(2), source))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not drained")
        .hasMessageContaining("ApproximateNumberOfMessagesNotVisible=1");
  }

  private SqsEventSource start(
      String queue, RequestHandler<SQSEvent, SQSBatchResponse> handler, int concurrency, Duration retryDelay) {
    return start(queue, handler, concurrency, retryDelay, 10);
  }

  private SqsEventSource start(
      String queue, RequestHandler<SQSEvent, SQSBatchResponse> handler, int concurrency, Duration retryDelay,
      int batchSize) {
    SqsEventSource.Builder builder = SqsEventSource.builder(AWS.sqs(), queue, handler)
        .name("test").maximumConcurrency(concurrency).batchSize(batchSize).waitTime(Duration.ofSeconds(1));
    if (retryDelay != null) {
      builder.retryDelay(retryDelay);
    }
    SqsEventSource source = builder.build().start();
    sources.add(source);
    return source;
  }

  /** A handler recording every record, failing those the consumer throws on, through SqsBatch. */
  private RequestHandler<SQSEvent, SQSBatchResponse> recording(java.util.function.Consumer<SQSEvent.SQSMessage> body) {
    return (event, context) -> SqsBatch.process(event, message -> {
      delivered.add(message);
      body.accept(message);
    });
  }

  private List<String> bodies() {
    synchronized (delivered) {
      return delivered.stream().map(SQSEvent.SQSMessage::getBody).toList();
    }
  }

  private static String queue() {
    return AWS.sqs().createQueue(r -> r.queueName("events-" + TemplateResources.uniqueSuffix())).queueUrl();
  }

  private static void send(String queue, String... bodies) {
    for (String body : bodies) {
      AWS.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(body));
    }
  }

  private static Map<QueueAttributeName, String> attributes(String queue) {
    return AWS.sqs().getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.ALL)).attributes();
  }

  private static long waiting(String queue) {
    Map<QueueAttributeName, String> attributes = attributes(queue);
    return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }
}
