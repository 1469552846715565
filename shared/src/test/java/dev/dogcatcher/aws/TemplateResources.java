package dev.dogcatcher.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates the repository's {@code template.yaml} tables and queues in an emulator, so that the adapter
 * tests run against the very key schema, TTL, visibility timeouts and redrive policies that are deployed.
 * The parsing and creation are {@link SamTemplate}'s, shared with {@code dogcatcher run --aws-endpoint}.
 *
 * <p>Each resource is named {@code <LogicalId>-<suffix>}: give every test its own suffix ({@link
 * #uniqueSuffix()}) and tests never share state.
 */
public final class TemplateResources {

  private final Path file;
  private final SamTemplate template;

  private TemplateResources(Path file, SamTemplate template) {
    this.file = file;
    this.template = template;
  }

  /** Reads {@code template.yaml} from the first directory, upwards from the working directory, holding one. */
  public static TemplateResources fromRepository() {
    Path directory = Path.of("").toAbsolutePath();
    for (Path d = directory; d != null; d = d.getParent()) {
      Path candidate = d.resolve("template.yaml");
      if (Files.isRegularFile(candidate)) {
        return load(candidate);
      }
    }
    throw new IllegalStateException("no template.yaml in " + directory + " or any parent directory");
  }

  /** Reads a CloudFormation/SAM template. */
  public static TemplateResources load(Path template) {
    return new TemplateResources(template, SamTemplate.load(template));
  }

  /** A short random suffix for resource names. */
  public static String uniqueSuffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** The template this was read from. */
  public Path file() {
    return file;
  }

  /** The parsed template. */
  public SamTemplate template() {
    return template;
  }

  /** A resource's {@code Properties}, failing when the template lacks the resource or it has another type. */
  public Map<String, Object> properties(String logicalId, String type) {
    return template.properties(logicalId, type);
  }

  /**
   * Creates the {@code AWS::DynamoDB::Table} {@code logicalId} as {@code <logicalId>-<suffix>}, with
   * its TTL, and returns the table name.
   */
  public String createTable(DynamoDbClient client, String logicalId, String suffix) {
    return template.createTable(client, logicalId, logicalId + "-" + suffix);
  }

  /**
   * Creates every {@code AWS::SQS::Queue} of the template as {@code <logicalId>-<suffix>}, dead-letter
   * queues first so that redrive policies can point at them, and returns the URLs by logical id.
   */
  public Map<String, String> createQueues(SqsClient client, String suffix) {
    return template.createQueues(client, logicalId -> logicalId + "-" + suffix);
  }
}
