package dev.dogcatcher.cli.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.dogcatcher.analyzer.AnalyzeError;
import dev.dogcatcher.analyzer.LogQueueMessages;
import dev.dogcatcher.analyzer.AnalyzerHandler;
import dev.dogcatcher.analyzer.redact.Redactor;
import dev.dogcatcher.analyzer.rules.RulesErrorAnalyst;
import dev.dogcatcher.aws.AwsEmulator;
import dev.dogcatcher.aws.TemplateResources;
import dev.dogcatcher.domain.AnalyzedError;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.dynamodb.DynamoDbFetchCursor;
import dev.dogcatcher.dynamodb.DynamoDbSlotStore;
import dev.dogcatcher.dynamodb.DynamoDbFingerprintRegistry;
import dev.dogcatcher.fetcher.FetchErrorLogs;
import dev.dogcatcher.fetcher.FetcherHandler;
import dev.dogcatcher.fetcher.datadog.DatadogErrorLogSource;
import dev.dogcatcher.fetcher.datadog.DatadogSettings;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.jira.JiraProject;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.json.Messages;
import dev.dogcatcher.port.ErrorQueue;
import dev.dogcatcher.port.FingerprintRegistry;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.sqs.SqsErrorQueue;
import dev.dogcatcher.sqs.SqsEventSource;
import dev.dogcatcher.ticket.FileTicket;
import dev.dogcatcher.ticket.TicketHandler;
import dev.dogcatcher.ticket.TicketPolicy;
import dev.dogcatcher.ticket.jira.JiraSettings;
import dev.dogcatcher.ticket.jira.JiraTicketTracker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The serverless pipeline of one test, on moto_server: template.yaml's queues and table (named with a
 * fresh suffix), the three real handlers, Jira and Datadog faked by WireMock behind the real adapters,
 * and one {@link SqsEventSource} per consuming function. The DynamoDB client serialises its requests
 * (see {@link AwsEmulator}).
 *
 * <p>Test speed: failed messages come back after {@code retryDelay} (ChangeMessageVisibility) instead
 * of the queues' VisibilityTimeout from template.yaml (720 s and 360 s); redrive and maxReceiveCount
 * are template.yaml's.
 */
final class Pipeline implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final String ISSUE = "/rest/api/3/issue";
  static final String SEARCH = "/rest/api/3/search/jql";
  static final String LOGS = "/api/v2/logs/events/search";
  static final Duration QUIET = Duration.ofMillis(500);
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  final AwsEmulator aws;
  final WireMockServer jira;
  final WireMockServer datadog;
  final AwsResources resources;
  final FingerprintRegistry registry;
  final JiraTicketTracker jiraTracker;
  private final List<SqsEventSource> sources = new ArrayList<>();

  Pipeline(AwsEmulator aws, WireMockServer jira, WireMockServer datadog) {
    this.aws = aws;
    this.jira = jira;
    this.datadog = datadog;
    String suffix = TemplateResources.uniqueSuffix();
    TemplateResources template = TemplateResources.fromRepository();
    this.resources = AwsResources.ensure(template.template(), aws.sqs(), aws.dynamoDb(), "RegistryTable-" + suffix,
        logicalId -> logicalId + "-" + suffix);
    this.registry = new DynamoDbFingerprintRegistry(aws.dynamoDb(), resources.table());
    this.jiraTracker = new JiraTicketTracker(
        new JiraSettings(URI.create(jira.baseUrl()), "bot@example.com", "jira-token", JiraProject.of("OPS", "Bug")),
        JiraTicketTracker.httpClient());
    jira.resetAll();
    datadog.resetAll();
    stubJira();
  }

  /** Jira that files every create (201, a fresh key), finds nothing, says every issue is in progress. */
  private void stubJira() {
    jira.stubFor(post(ISSUE).atPriority(10).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"{{randomValue length=8 type='NUMERIC'}}\",\"key\":\"OPS-{{randomValue length=8 type='NUMERIC'}}\"}")
        .withTransformers("response-template")));
    jira.stubFor(post(SEARCH).atPriority(10).willReturn(okJson("{\"issues\":[]}")));
    jira.stubFor(get(urlPathMatching(ISSUE + "/[^/]+")).atPriority(10)
        .willReturn(okJson("{\"fields\":{\"status\":{\"statusCategory\":{\"key\":\"indeterminate\"}}}}")));
    jira.stubFor(post(urlPathMatching(ISSUE + "/[^/]+/comment")).atPriority(10)
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
  }

  /** Datadog serving {@code logs} in pages of {@code pageSize}, following the page cursor. */
  void stubDatadog(List<ObjectNode> logs, int pageSize) {
    int pages = (logs.size() + pageSize - 1) / pageSize;
    for (int page = 0; page < pages; page++) {
      ObjectNode answer = Json.MAPPER.createObjectNode();
      ArrayNode data = answer.putArray("data");
      logs.subList(page * pageSize, Math.min(logs.size(), (page + 1) * pageSize)).forEach(data::add);
      if (page + 1 < pages) {
        answer.putObject("meta").putObject("page").put("after", "cursor-" + (page + 1));
      }
      var stub = post(LOGS).willReturn(okJson(answer.toString()));
      datadog.stubFor(page == 0 ? stub.atPriority(2)
          : stub.atPriority(1).withRequestBody(matchingJsonPath("$.page.cursor", WireMock.equalTo("cursor-" + page))));
    }
  }

  /** A Datadog Logs API v2 item. */
  static ObjectNode datadogLog(String id, Instant at, String service, String kind, String message) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("id", id).put("type", "log");
    ObjectNode attributes = item.putObject("attributes");
    attributes.put("timestamp", at.toString()).put("service", service).put("status", "error")
        .put("host", "i-0abc").put("message", message);
    attributes.putArray("tags").add("env:prod");
    attributes.putObject("attributes").put("env", "prod").putObject("error").put("kind", kind);
    return item;
  }

  FetcherHandler fetcher(ErrorQueue<ErrorGroup> logQueue) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    return Handlers.fetcher(new FetchErrorLogs(
        new DatadogErrorLogSource(new DatadogSettings(URI.create(datadog.baseUrl()), "dd-api", "dd-app", "status:error"),
            DatadogErrorLogSource.httpClient()),
        new DynamoDbFetchCursor(aws.dynamoDb(), resources.table()), logQueue, Fingerprinter.standard(),
        new DynamoDbSlotStore(aws.dynamoDb(), resources.table()), clock,
        Duration.ZERO, Duration.ofHours(1)), clock);
  }

  SqsErrorQueue<ErrorGroup> logQueue() {
    return new SqsErrorQueue<>(aws.sqs(), resources.queueUrl("LogQueue"), Messages::write);
  }

  SqsErrorQueue<AnalyzedError> ticketQueue() {
    return new SqsErrorQueue<>(aws.sqs(), resources.queueUrl("TicketQueue"), Messages::write);
  }

  AnalyzerHandler analyzer(ErrorQueue<AnalyzedError> tickets) {
    RulesErrorAnalyst rules = new RulesErrorAnalyst();
    return Handlers.analyzer(
        new LogQueueMessages(Fingerprinter.standard(),
            new DynamoDbSlotStore(aws.dynamoDb(), resources.table()).readOnly(), Clock.systemUTC()),
        new AnalyzeError(registry, jiraTracker.destination(), new Redactor(), rules, rules, tickets));
  }

  TicketHandler ticket(TicketTracker tracker, Duration lease) {
    return Handlers.ticket(new FileTicket(registry, tracker, Clock.systemUTC(),
        new TicketPolicy(1000, 10_000, lease, Duration.ofHours(6)), "pipeline-test"));
  }

  /** Starts an event source on the template queue {@code logicalId}. */
  SqsEventSource consume(String logicalId, RequestHandler<SQSEvent, SQSBatchResponse> handler, int concurrency,
      Duration retryDelay) {
    SqsEventSource source = SqsEventSource.builder(aws.sqs(), resources.queueUrl(logicalId), handler)
        .name(logicalId + "-consumer").maximumConcurrency(concurrency).retryDelay(retryDelay)
        .waitTime(Duration.ofSeconds(1)).build().start();
    sources.add(source);
    return source;
  }

  void drain() {
    SqsEventSource.drain(QUIET, TIMEOUT, sources.toArray(SqsEventSource[]::new));
  }

  /** The create requests Jira answered with 201. */
  List<ServeEvent> issuesCreated() {
    return creates().stream().filter(event -> event.getResponse().getStatus() == 201).toList();
  }

  /** Jira's create requests, oldest first (WireMock lists the newest first). */
  List<ServeEvent> creates() {
    List<ServeEvent> creates = new ArrayList<>(jira.getAllServeEvents().stream()
        .filter(event -> event.getRequest().getMethod().getName().equals("POST")
            && event.getRequest().getUrl().equals(ISSUE))
        .toList());
    Collections.reverse(creates);
    return creates;
  }

  /** Jira searches for one label (the ticket stage also searches an error's aliases before filing it). */
  long searches(String label) {
    return jira.getAllServeEvents().stream()
        .filter(event -> event.getRequest().getUrl().equals(SEARCH))
        .filter(event -> event.getRequest().getBodyAsString().contains(label))
        .count();
  }

  /** The fp- label of a create request. */
  static String fingerprintLabel(ServeEvent create) {
    try {
      JsonNode labels = Json.MAPPER.readTree(create.getRequest().getBodyAsString()).at("/fields/labels");
      for (JsonNode label : labels) {
        if (label.asText().startsWith("fp-")) {
          return label.asText();
        }
      }
      return "";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void send(String logicalId, String body) {
    aws.sqs().sendMessage(r -> r.queueUrl(resources.queueUrl(logicalId)).messageBody(body));
  }

  List<Message> messages(String logicalId) {
    return aws.sqs().receiveMessage(r -> r.queueUrl(resources.queueUrl(logicalId)).maxNumberOfMessages(10)
        .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL))
        .messages();
  }

  long depth(String logicalId) {
    Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(r -> r.queueUrl(resources.queueUrl(logicalId))
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return attributes.values().stream().mapToLong(Long::parseLong).sum();
  }

  /** An ErrorQueue that publishes everything twice: SQS's at-least-once delivery, always. */
  static <T> ErrorQueue<T> twice(ErrorQueue<T> queue) {
    return messages -> {
      queue.publish(messages);
      queue.publish(messages);
    };
  }


  @Override
  public void close() {
    sources.forEach(SqsEventSource::stop);
  }
}
