package dev.dogcatcher.aws;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Reads the SAM template ({@code template.yaml}) and creates its DynamoDB table and SQS queues, with
 * their key schema, TTL, visibility timeouts and redrive policies, in an emulator (or an account) where
 * no CloudFormation runs: the one source of truth for the local AWS path and for the AWS tests.
 *
 * <p>Needs SnakeYAML, an optional dependency of {@code shared} (the Lambda jars never parse templates).
 */
public final class SamTemplate {

  /** CloudFormation short-form intrinsic functions, read as their long form: {@code {"Fn::GetAtt": …}}. */
  private static final List<String> INTRINSICS =
      List.of(
          "Ref", "GetAtt", "Sub", "If", "Equals", "Not", "And", "Or", "Condition", "Select", "Join",
          "Split", "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr", "Transform", "ToJsonString",
          "Length");

  /** Queue properties that are also SQS queue attributes, with the same names and meaning. */
  private static final Set<String> QUEUE_ATTRIBUTES =
      Set.of(
          "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "MaximumMessageSize",
          "ReceiveMessageWaitTimeSeconds", "SqsManagedSseEnabled", "FifoQueue",
          "ContentBasedDeduplication");

  private final String source;
  private final Map<String, Object> resources;

  private SamTemplate(String source, Map<String, Object> resources) {
    this.source = source;
    this.resources = resources;
  }

  /** Reads a CloudFormation/SAM template file. */
  public static SamTemplate load(Path template) {
    try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
      return parse(template.toString(), reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + template, e);
    }
  }

  /** Reads a template from text; {@code source} names it in messages. */
  public static SamTemplate parse(String source, String yaml) {
    return parse(source, new StringReader(yaml));
  }

  @SuppressWarnings("unchecked")
  private static SamTemplate parse(String source, Reader reader) {
    Object root = new Yaml(new CloudFormationConstructor()).load(reader);
    if (!(root instanceof Map<?, ?> map) || !(map.get("Resources") instanceof Map<?, ?> resources)) {
      throw new IllegalStateException(source + " has no Resources section");
    }
    return new SamTemplate(source, (Map<String, Object>) resources);
  }

  /** Where this template was read from. */
  public String source() {
    return source;
  }

  /** The logical ids of the resources of {@code type}, in template order. */
  public List<String> resourcesOfType(String type) {
    List<String> ids = new ArrayList<>();
    resources.forEach((id, resource) -> {
      if (type.equals(map(resource, id).get("Type"))) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** A resource's {@code Properties}, failing when the template lacks the resource or it has another type. */
  public Map<String, Object> properties(String logicalId, String type) {
    if (!resources.containsKey(logicalId)) {
      throw new IllegalStateException(source + " has no resource " + logicalId + " (of type " + type + ")");
    }
    Map<String, Object> resource = map(resources.get(logicalId), logicalId);
    if (!type.equals(resource.get("Type"))) {
      throw new IllegalStateException(
          source + ": " + logicalId + " is " + resource.get("Type") + ", expected " + type);
    }
    return resource.containsKey("Properties") ? map(resource.get("Properties"), logicalId + ".Properties") : Map.of();
  }

  /**
   * The {@code AWS::Serverless::Function}'s {@code Handler} class, e.g. {@code
   * dev.dogcatcher.ticket.TicketHandler} for {@code dev.dogcatcher.ticket.TicketHandler::handleRequest}.
   */
  public String handlerClass(String functionLogicalId) {
    String handler = text(properties(functionLogicalId, "AWS::Serverless::Function").get("Handler"));
    int method = handler.indexOf("::");
    return method < 0 ? handler : handler.substring(0, method);
  }

  /**
   * Creates the {@code AWS::DynamoDB::Table} {@code logicalId} named {@code name}, with its TTL, unless
   * a table of that name exists; returns the name.
   */
  public String createTable(DynamoDbClient client, String logicalId, String name) {
    Map<String, Object> properties = properties(logicalId, "AWS::DynamoDB::Table");
    for (String unsupported : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification")) {
      if (properties.containsKey(unsupported)) {
        throw new UnsupportedOperationException(
            logicalId + "." + unsupported + " is not created by " + getClass().getSimpleName() + " yet");
      }
    }
    try {
      client.describeTable(r -> r.tableName(name));
      return name;
    } catch (ResourceNotFoundException absent) {
      // Created below.
    }
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(name)
            .keySchema(
                list(properties.get("KeySchema"), logicalId + ".KeySchema").stream()
                    .map(o -> map(o, "KeySchema element"))
                    .map(k -> KeySchemaElement.builder()
                        .attributeName(text(k.get("AttributeName")))
                        .keyType(text(k.get("KeyType")))
                        .build())
                    .toList())
            .attributeDefinitions(
                list(properties.get("AttributeDefinitions"), logicalId + ".AttributeDefinitions").stream()
                    .map(o -> map(o, "AttributeDefinitions element"))
                    .map(a -> AttributeDefinition.builder()
                        .attributeName(text(a.get("AttributeName")))
                        .attributeType(text(a.get("AttributeType")))
                        .build())
                    .toList());
    if ("PAY_PER_REQUEST".equals(properties.get("BillingMode"))) {
      request.billingMode(BillingMode.PAY_PER_REQUEST);
    } else {
      Map<String, Object> throughput =
          map(properties.get("ProvisionedThroughput"), logicalId + ".ProvisionedThroughput");
      request.billingMode(BillingMode.PROVISIONED)
          .provisionedThroughput(ProvisionedThroughput.builder()
              .readCapacityUnits(Long.parseLong(text(throughput.get("ReadCapacityUnits"))))
              .writeCapacityUnits(Long.parseLong(text(throughput.get("WriteCapacityUnits"))))
              .build());
    }
    client.createTable(request.build());
    client.waiter().waitUntilTableExists(r -> r.tableName(name));
    if (properties.get("TimeToLiveSpecification") != null) {
      Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"), logicalId + ".TimeToLiveSpecification");
      client.updateTimeToLive(
          r -> r.tableName(name)
              .timeToLiveSpecification(t -> t
                  .attributeName(text(ttl.get("AttributeName")))
                  .enabled(Boolean.parseBoolean(text(ttl.get("Enabled"))))));
    }
    return name;
  }

  /**
   * Creates every {@code AWS::SQS::Queue} of the template as {@code nameOf(logicalId)} unless a queue
   * of that name exists (an existing queue keeps its attributes), dead-letter queues first so that
   * redrive policies can point at them; returns the URLs by logical id.
   */
  public Map<String, String> createQueues(SqsClient client, UnaryOperator<String> nameOf) {
    Map<String, String> urls = new LinkedHashMap<>();
    for (String queue : resourcesOfType("AWS::SQS::Queue")) {
      createQueue(client, queue, nameOf, urls, new ArrayList<>());
    }
    return urls;
  }

  /** The logical ids of the queues whose RedrivePolicy names {@code dlqLogicalId} as their dead-letter target. */
  public List<String> deadLetterSources(String dlqLogicalId) {
    List<String> sources = new ArrayList<>();
    for (String queue : resourcesOfType("AWS::SQS::Queue")) {
      Object redrive = properties(queue, "AWS::SQS::Queue").get("RedrivePolicy");
      if (redrive != null
          && dlqLogicalId.equals(getAttTarget(map(redrive, queue).get("deadLetterTargetArn"), queue))) {
        sources.add(queue);
      }
    }
    return sources;
  }

  private String createQueue(
      SqsClient client, String logicalId, UnaryOperator<String> nameOf, Map<String, String> urls,
      List<String> path) {
    if (urls.containsKey(logicalId)) {
      return urls.get(logicalId);
    }
    if (path.contains(logicalId)) {
      throw new IllegalStateException(source + ": redrive cycle " + path + " -> " + logicalId);
    }
    path.add(logicalId);
    Map<String, Object> properties = properties(logicalId, "AWS::SQS::Queue");
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, Object> property : properties.entrySet()) {
      if (QUEUE_ATTRIBUTES.contains(property.getKey())) {
        attributes.put(property.getKey(), text(property.getValue()));
      }
    }
    if (properties.get("RedrivePolicy") != null) {
      Map<String, Object> redrive = map(properties.get("RedrivePolicy"), logicalId + ".RedrivePolicy");
      String target = getAttTarget(redrive.get("deadLetterTargetArn"), logicalId);
      String targetUrl = createQueue(client, target, nameOf, urls, path);
      String targetArn =
          client
              .getQueueAttributes(r -> r.queueUrl(targetUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      attributes.put(
          "RedrivePolicy",
          "{\"deadLetterTargetArn\":\"" + targetArn + "\",\"maxReceiveCount\":"
              + Integer.parseInt(text(redrive.get("maxReceiveCount"))) + "}");
    }
    String name = nameOf.apply(logicalId) + ("true".equals(attributes.get("FifoQueue")) ? ".fifo" : "");
    String url;
    try {
      url = client.getQueueUrl(r -> r.queueName(name)).queueUrl();
    } catch (QueueDoesNotExistException absent) {
      url = client.createQueue(r -> r.queueName(name).attributesWithStrings(attributes)).queueUrl();
    }
    urls.put(logicalId, url);
    path.remove(logicalId);
    return url;
  }

  /** The logical id in {@code !GetAtt X.Arn} or {@code Fn::GetAtt: [X, Arn]}. */
  private String getAttTarget(Object value, String where) {
    if (value instanceof Map<?, ?> function && function.get("Fn::GetAtt") != null) {
      Object target = function.get("Fn::GetAtt");
      if (target instanceof List<?> parts && parts.size() == 2 && "Arn".equals(parts.get(1))) {
        return text(parts.get(0));
      }
      if (target instanceof String dotted && dotted.endsWith(".Arn")) {
        return dotted.substring(0, dotted.length() - ".Arn".length());
      }
    }
    throw new IllegalStateException(
        source + ": " + where + ".RedrivePolicy.deadLetterTargetArn must be !GetAtt <Queue>.Arn, got " + value);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object value, String where) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalStateException(source + ": " + where + " must be a mapping, got " + value);
  }

  private List<?> list(Object value, String where) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new IllegalStateException(source + ": " + where + " must be a list, got " + value);
  }

  private static String text(Object value) {
    if (value == null) {
      throw new IllegalStateException("missing value in template");
    }
    return value.toString();
  }

  /** SnakeYAML's safe constructor plus the CloudFormation short tags, as plain maps. */
  private static final class CloudFormationConstructor extends SafeConstructor {

    CloudFormationConstructor() {
      super(new LoaderOptions());
      for (String name : INTRINSICS) {
        String longName = "Ref".equals(name) || "Condition".equals(name) ? name : "Fn::" + name;
        yamlConstructors.put(new Tag("!" + name), new Intrinsic(longName));
      }
    }

    /** Builds {@code {longName: argument}}, the argument being a scalar, a list or a map. */
    private final class Intrinsic extends AbstractConstruct {
      private final String longName;

      Intrinsic(String longName) {
        this.longName = longName;
      }

      @Override
      public Object construct(Node node) {
        Object argument;
        if (node instanceof ScalarNode scalar) {
          argument = constructScalar(scalar);
        } else if (node instanceof SequenceNode sequence) {
          argument = constructSequence(sequence);
        } else {
          argument = constructMapping((MappingNode) node);
        }
        return Map.of(longName, argument);
      }
    }
  }
}
