package dev.dogcatcher.cli.aws;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.aws.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The queues and the registry table of {@code template.yaml}, created where missing: what
 * CloudFormation would create, for an endpoint where it does not run.
 *
 * <p>By default the queues are named by their logical id ({@code LogQueue}, {@code LogDLQ}, …) and the
 * table {@value #TABLE}: the names {@code events/env.json} gives the functions, so that
 * {@code dogcatcher invoke} and {@code sam local invoke} find what {@code run --aws-endpoint} created.
 */
public record AwsResources(String table, Map<String, String> queueUrls) {

  /** events/env.json's TABLE_NAME. */
  public static final String TABLE = "dogcatcher-registry";

  public AwsResources {
    requireNonNull(table, "table == null");
    queueUrls = Map.copyOf(queueUrls);
  }

  /** template.yaml as bundled in this jar at build time. */
  public static SamTemplate bundledTemplate() {
    try (InputStream in = AwsResources.class.getResourceAsStream("template.yaml")) {
      if (in == null) {
        throw new IllegalStateException("template.yaml is missing from the dogcatcher jar: rebuild it");
      }
      return SamTemplate.parse("template.yaml (bundled)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled template.yaml", e);
    }
  }

  /** Creates, where missing, the table {@value #TABLE} and the queues named by their logical ids. */
  public static AwsResources ensure(SamTemplate template, SqsClient sqs, DynamoDbClient dynamoDb) {
    return ensure(template, sqs, dynamoDb, TABLE, UnaryOperator.identity());
  }

  /** Creates, where missing, the table {@code table} and the queues named {@code queueName(logicalId)}. */
  public static AwsResources ensure(
      SamTemplate template, SqsClient sqs, DynamoDbClient dynamoDb, String table, UnaryOperator<String> queueName) {
    String created = template.createTable(dynamoDb, "RegistryTable", table);
    return new AwsResources(created, template.createQueues(sqs, queueName));
  }

  /** The URL of the queue {@code logicalId}, e.g. LogQueue. */
  public String queueUrl(String logicalId) {
    String url = queueUrls.get(logicalId);
    if (url == null) {
      throw new IllegalStateException("template.yaml has no queue " + logicalId + " (has " + queueUrls.keySet() + ")");
    }
    return url;
  }
}
