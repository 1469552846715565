package dev.dogcatcher.cli.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.dogcatcher.aws.AwsEmulator;
import dev.dogcatcher.aws.LocalContext;
import dev.dogcatcher.cli.CreationObserver;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.ErrorGroupBuilder;
import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.domain.RegistryState;
import dev.dogcatcher.domain.TicketRecord;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.json.Messages;
import dev.dogcatcher.port.ErrorQueue;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.sqs.SqsEventSource;
import dev.dogcatcher.testing.Logs;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * FetcherHandler → LogQueue → AnalyzerHandler → TicketQueue → TicketHandler → DynamoDB, on moto_server,
 * with Datadog and Jira faked by WireMock behind the real adapters (see {@link Pipeline}).
 */
class AwsPipelineTest {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  private static final WireMockServer JIRA = new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private static final WireMockServer DATADOG = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  private static final Duration FAST_RETRY = Duration.ZERO;

  /**
   * Duplicates of a fingerprint being filed fail with FingerprintBusy until the winner is done: they
   * come back after this (in AWS, after TicketQueue's 360 s VisibilityTimeout), not at once, so that a
   * duplicate does not burn its five receives while the winner works.
   */
  private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
  private static final Duration LONG_LEASE = Duration.ofMinutes(5);

  private Pipeline pipeline;

  @BeforeAll
  static void startFakes() {
    JIRA.start();
    DATADOG.start();
  }

  @AfterAll
  static void stopFakes() {
    JIRA.stop();
    DATADOG.stop();
  }

  @BeforeEach
  void compose() {
    pipeline = new Pipeline(AWS, JIRA, DATADOG);
  }

  @AfterEach
  void close() {
    pipeline.close();
  }

  @Test
  void thousandLogsOfFiftyErrors_withEightConsumers_fileExactlyFiftyIssues_andARedeliveryFilesNone() {
    pipeline.stubDatadog(thousandLogsOfFiftyErrors(), 400);
    List<ErrorGroup> published = Collections.synchronizedList(new ArrayList<>());
    ErrorQueue<ErrorGroup> logQueue = groups -> {
      pipeline.logQueue().publish(groups);
      published.addAll(groups);
    };
    pipeline.consume("LogQueue", pipeline.analyzer(pipeline.ticketQueue()), 8, FAST_RETRY);
    pipeline.consume("TicketQueue", pipeline.ticket(pipeline.jiraTracker, LONG_LEASE), 8, BUSY_RETRY);

    String summary = pipeline.fetcher(logQueue).handleRequest(schedule(), new LocalContext("FetcherFunction"));
    pipeline.drain();

    assertThat(summary).contains("logs=1000").contains("groups=50");
    List<ServeEvent> created = pipeline.issuesCreated();
    assertThat(created).hasSize(50);
    assertThat(created).extracting(Pipeline::fingerprintLabel).doesNotContain("").doesNotHaveDuplicates();
    assertThat(published).allSatisfy(group -> assertThat(ticketed(group.fingerprint())).isPresent());
    assertThat(pipeline.depth("LogDLQ") + pipeline.depth("TicketDLQ")).isZero();

    // Every LogQueue message delivered a second time: never a second issue, and — the same run's
    // messages — nothing counted twice.
    pipeline.logQueue().publish(List.copyOf(published));
    pipeline.drain();

    assertThat(pipeline.creates()).hasSize(50);
    assertThat(published).allSatisfy(group -> assertThat(ticketed(group.fingerprint()).orElseThrow().count())
        .isEqualTo(group.count()));
  }

  @Test
  void everyMessageDeliveredTwiceAtOnce_filesEachErrorOnce() {
    pipeline.stubDatadog(logs(60, 20), 1000);
    pipeline.consume("LogQueue", pipeline.analyzer(Pipeline.twice(pipeline.ticketQueue())), 8, FAST_RETRY);
    pipeline.consume("TicketQueue", pipeline.ticket(pipeline.jiraTracker, LONG_LEASE), 8, BUSY_RETRY);

    pipeline.fetcher(Pipeline.twice(pipeline.logQueue())).handleRequest(schedule(), new LocalContext("FetcherFunction"));
    pipeline.drain();

    // 20 groups, each on LogQueue twice and forwarded twice: four TicketQueue messages per error.
    assertThat(pipeline.issuesCreated()).hasSize(20);
    assertThat(pipeline.creates()).hasSize(20);
    assertThat(pipeline.depth("LogDLQ") + pipeline.depth("TicketDLQ")).isZero();
  }

  @Test
  void poisonMessage_reachesLogDlqAfterMaxReceiveCount_withItsReasonLoggedOncePerReceive() {
    pipeline.consume("LogQueue", pipeline.analyzer(pipeline.ticketQueue()), 2, FAST_RETRY);
    String poison = "{\"hello\":\"world\"}";

    String log = capturingStandardError(() -> {
      pipeline.send("LogQueue", poison);
      pipeline.drain();
    });

    List<Message> dead = pipeline.messages("LogDLQ");
    assertThat(dead).extracting(Message::body).containsExactly(poison);
    String messageId = dead.get(0).messageId();
    List<String> reasons = log.lines()
        .filter(line -> line.contains("messageId=" + messageId) && line.contains("left for retry")).toList();
    // template.yaml: LogQueue's maxReceiveCount is 5; one line per receive, naming the accepted shapes.
    assertThat(reasons).hasSize(5);
    for (int receive = 1; receive <= 5; receive++) {
      assertThat(reasons.get(receive - 1)).contains("receiveCount=" + receive)
          .contains("unrecognised object with keys [hello]").contains("LogQueue accepts an ErrorGroup");
    }
    assertThat(pipeline.creates()).isEmpty();
  }

  @Test
  void jiraRefusingThreeTimesThenFiling_releasesTheClaimEachTime_andFilesOneIssue() {
    String scenario = "refusals";
    JIRA.stubFor(post(Pipeline.ISSUE).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(400).withBody("{\"errorMessages\":[\"project is archived\"]}"))
        .willSetStateTo("2"));
    JIRA.stubFor(post(Pipeline.ISSUE).inScenario(scenario).whenScenarioStateIs("2")
        .willReturn(aResponse().withStatus(400)).willSetStateTo("3"));
    JIRA.stubFor(post(Pipeline.ISSUE).inScenario(scenario).whenScenarioStateIs("3")
        .willReturn(aResponse().withStatus(400)).willSetStateTo("filing"));
    JIRA.stubFor(post(Pipeline.ISSUE).inScenario(scenario).whenScenarioStateIs("filing")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"1\",\"key\":\"OPS-1\"}")));
    pipeline.consume("LogQueue", pipeline.analyzer(pipeline.ticketQueue()), 2, FAST_RETRY);
    // A 5-minute lease: only a released claim lets the retries file before the message dead-letters.
    SqsEventSource tickets = pipeline.consume("TicketQueue", pipeline.ticket(pipeline.jiraTracker, LONG_LEASE), 2, FAST_RETRY);
    ErrorGroup group = group("checkout", "Card 4242 declined by issuer");

    pipeline.send("LogQueue", Messages.write(group));
    pipeline.drain();

    assertThat(pipeline.creates()).extracting(event -> event.getResponse().getStatus()).containsExactly(400, 400, 400, 201);
    assertThat(tickets.stats().failed()).isEqualTo(3);
    assertThat(ticketed(group.fingerprint()).orElseThrow().issueKey()).isEqualTo("OPS-1");
    assertThat(pipeline.depth("TicketDLQ")).isZero();
  }

  @Test
  void jiraFailingTwiceWithoutAnAnswer_searchesAfterTheLease_andFilesOneIssue() {
    String scenario = "outage";
    JIRA.stubFor(post(Pipeline.ISSUE).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("2"));
    JIRA.stubFor(post(Pipeline.ISSUE).inScenario(scenario).whenScenarioStateIs("2")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    JIRA.stubFor(post(Pipeline.ISSUE).inScenario(scenario).whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"2\",\"key\":\"OPS-2\"}")));
    pipeline.consume("LogQueue", pipeline.analyzer(pipeline.ticketQueue()), 2, FAST_RETRY);
    // A 503 leaves the create's outcome unknown (UNCERTAIN): retries wait out a 1 s lease, then search.
    pipeline.consume("TicketQueue", pipeline.ticket(pipeline.jiraTracker, Duration.ofSeconds(1)), 2, Duration.ofSeconds(2));
    ErrorGroup group = group("billing", "Invoice 991 could not be rendered");

    pipeline.send("LogQueue", Messages.write(group));
    pipeline.drain();

    assertThat(pipeline.creates()).extracting(event -> event.getResponse().getStatus()).containsExactly(503, 503, 201);
    assertThat(pipeline.searches("fp-" + group.fingerprint())).isEqualTo(2);
    assertThat(pipeline.issuesCreated()).hasSize(1);
    assertThat(ticketed(group.fingerprint()).orElseThrow().issueKey()).isEqualTo("OPS-2");
  }

  @Test
  void workerDeadAfterItsClaim_leaseExpired_theNextWorkerFilesOneIssue() {
    ErrorGroup group = group("inventory", "Stock level for SKU 88 went negative");
    // The dead worker's claim, as it was left in the table: CLAIMED, lease long over.
    pipeline.registry.claim(pipeline.jiraTracker.destination(), group.fingerprint(), "dead-worker",
        Instant.now().minus(Duration.ofMinutes(10)), LONG_LEASE);
    pipeline.consume("LogQueue", pipeline.analyzer(pipeline.ticketQueue()), 2, FAST_RETRY);
    pipeline.consume("TicketQueue", pipeline.ticket(pipeline.jiraTracker, LONG_LEASE), 2, FAST_RETRY);

    pipeline.send("LogQueue", Messages.write(group));
    pipeline.drain();

    assertThat(pipeline.searches("fp-" + group.fingerprint())).isEqualTo(1);
    assertThat(pipeline.issuesCreated()).hasSize(1);
    assertThat(ticketed(group.fingerprint()).orElseThrow().owner()).isNotEqualTo("dead-worker");
  }

  @Test
  void workerKilledBetweenJirasAnswerAndItsRecord_theNextWorkerFindsTheIssue_andFilesNoSecond() {
    String scenario = "killed";
    JIRA.stubFor(post(Pipeline.ISSUE).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"7\",\"key\":\"OPS-77\"}"))
        .willSetStateTo("filed"));
    JIRA.stubFor(post(Pipeline.SEARCH).inScenario(scenario).whenScenarioStateIs("filed")
        .willReturn(okJson("{\"issues\":[{\"key\":\"OPS-77\"}]}")));
    AtomicBoolean killed = new AtomicBoolean();
    TicketTracker dyingOnce = new CreationObserver(pipeline.jiraTracker, ticket -> {
      if (killed.compareAndSet(false, true)) {
        // Not an exception a handler catches: the runtime dies, the whole batch is redelivered.
        throw new OutOfMemoryError("simulated crash after Jira filed the ticket of " + ticket.fingerprint());
      }
    });
    pipeline.consume("LogQueue", pipeline.analyzer(pipeline.ticketQueue()), 2, FAST_RETRY);
    SqsEventSource tickets =
        pipeline.consume("TicketQueue", pipeline.ticket(dyingOnce, Duration.ofSeconds(1)), 2, Duration.ofSeconds(2));
    ErrorGroup group = group("search", "Index shard 3 unavailable");

    pipeline.send("LogQueue", Messages.write(group));
    pipeline.drain();

    assertThat(tickets.stats().functionErrors()).isEqualTo(1);
    assertThat(pipeline.creates()).hasSize(1);
    TicketRecord record = ticketed(group.fingerprint()).orElseThrow();
    assertThat(record.issueKey()).isEqualTo("OPS-77");
  }

  private Optional<TicketRecord> ticketed(String fingerprint) {
    return pipeline.registry.find(pipeline.jiraTracker.destination(), fingerprint)
        .filter(record -> record.state() == RegistryState.TICKETED);
  }

  private static ScheduledEvent schedule() {
    return new ScheduledEvent().withTime(new DateTime(Pipeline.NOW.toEpochMilli(), DateTimeZone.UTC));
  }

  /** 1,000 Datadog logs, 20 of each of 50 errors (5 services × 10 kinds), variable ids in the messages. */
  private static List<ObjectNode> thousandLogsOfFiftyErrors() {
    return logs(1000, 50);
  }

  /** {@code count} Datadog logs of {@code errors} distinct errors, round robin. */
  private static List<ObjectNode> logs(int count, int errors) {
    List<ObjectNode> logs = new ArrayList<>();
    Instant start = Pipeline.NOW.minus(Duration.ofMinutes(40));
    for (int i = 0; i < count; i++) {
      int error = i % errors;
      String kind = "com.acme.Failure" + (char) ('A' + error / 26) + (char) ('A' + error % 26) + "Exception";
      logs.add(Pipeline.datadogLog("log-" + i, start.plusSeconds(i), "svc-" + (error % 5), kind,
          "Request " + (10_000 + i) + " failed for user " + (i * 7)));
    }
    return logs;
  }

  private static ErrorGroup group(String service, String message) {
    ErrorLog log = Logs.log("log-" + service, Pipeline.NOW, service, message);
    return new ErrorGroupBuilder(Fingerprinter.standard().of(log), log).build("run-" + service);
  }

  /** Runs {@code body} with standard error copied aside (slf4j-simple writes there), and returns the copy. */
  private static String capturingStandardError(Runnable body) {
    PrintStream original = System.err;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        original.write(b);
        synchronized (copy) {
          copy.write(b);
        }
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        original.write(bytes, offset, length);
        synchronized (copy) {
          copy.write(bytes, offset, length);
        }
      }
    }, true, StandardCharsets.UTF_8);
    System.setErr(tee);
    try {
      body.run();
    } finally {
      System.setErr(original);
    }
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }
}
