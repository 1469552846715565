package dev.dogcatcher.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** template.yaml's table and queues, created in moto_server as the AWS tests use them. */
class TemplateResourcesTest {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  private final TemplateResources template = TemplateResources.fromRepository();

  @Test
  void load_readsShortFormIntrinsicsAsLongFormMaps(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("template.yaml");
    Files.writeString(
        file,
        """
        Conditions:
          HasTopic: !Not [!Equals [!Ref Topic, ""]]
        Resources:
          Dlq:
            Type: AWS::SQS::Queue
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              VisibilityTimeout: 30
              RedrivePolicy:
                deadLetterTargetArn: !GetAtt Dlq.Arn
                maxReceiveCount: 2
              Tags:
                - Key: name
                  Value: !Sub "${AWS::StackName}-queue"
                - Key: topic
                  Value: !If [HasTopic, !Ref Topic, !Ref AWS::NoValue]
                - Key: joined
                  Value: !Join ["-", [a, !Select [0, [b, c]]]]
        """);

    Map<String, Object> properties = TemplateResources.load(file).properties("Queue", "AWS::SQS::Queue");

    assertThat(properties.get("RedrivePolicy"))
        .isEqualTo(Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", "Dlq.Arn"), "maxReceiveCount", 2));
    assertThat(properties.get("Tags").toString())
        .contains("{Fn::Sub=${AWS::StackName}-queue}")
        .contains("{Fn::If=[HasTopic, {Ref=Topic}, {Ref=AWS::NoValue}]}")
        .contains("{Fn::Join=[-, [a, {Fn::Select=[0, [b, c]]}]]}");
  }

  @Test
  void properties_ofAResourceOfAnotherType_failsNamingBoth() {
    assertThatThrownBy(() -> template.properties("LogQueue", "AWS::DynamoDB::Table"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LogQueue is AWS::SQS::Queue");
  }

  @Test
  void createTable_registryTable_hasTheTemplatesKeyAndTtl() {
    String suffix = TemplateResources.uniqueSuffix();

    String table = template.createTable(AWS.dynamoDb(), "RegistryTable", suffix);

    assertThat(table).isEqualTo("RegistryTable-" + suffix);
    assertThat(AWS.dynamoDb().describeTable(r -> r.tableName(table)).table().keySchema())
        .containsExactly(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build());
    TimeToLiveDescription ttl =
        AWS.dynamoDb().describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
    assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
  }

  @Test
  void createQueues_createsTheFourQueuesWithRedriveToTheirDlq() {
    String suffix = TemplateResources.uniqueSuffix();

    Map<String, String> urls = template.createQueues(AWS.sqs(), suffix);

    assertThat(urls).containsOnlyKeys("LogQueue", "LogDLQ", "TicketQueue", "TicketDLQ");
    Map<QueueAttributeName, String> logQueue = attributes(urls.get("LogQueue"));
    assertThat(logQueue.get(QueueAttributeName.VISIBILITY_TIMEOUT))
        .isEqualTo(template.properties("LogQueue", "AWS::SQS::Queue").get("VisibilityTimeout").toString());
    assertThat(logQueue.get(QueueAttributeName.REDRIVE_POLICY))
        .contains(attributes(urls.get("LogDLQ")).get(QueueAttributeName.QUEUE_ARN))
        .containsPattern("\"maxReceiveCount\":\\s*5\\b");
    assertThat(attributes(urls.get("TicketQueue")).get(QueueAttributeName.REDRIVE_POLICY))
        .contains("TicketDLQ-" + suffix);
  }

  @Test
  void logQueue_messageReceivedMaxReceiveCountTimes_movesToLogDlq() {
    Map<String, String> urls = template.createQueues(AWS.sqs(), TemplateResources.uniqueSuffix());
    String logQueue = urls.get("LogQueue");
    AWS.sqs().sendMessage(r -> r.queueUrl(logQueue).messageBody("poison"));

    for (int receive = 1; receive <= 5; receive++) {
      // Visibility 0 = the consumer failed at once; the message is visible again for the next receive.
      List<Message> messages =
          AWS.sqs().receiveMessage(r -> r.queueUrl(logQueue).visibilityTimeout(0)).messages();
      assertThat(messages).as("receive %d", receive).hasSize(1);
    }

    assertThat(AWS.sqs().receiveMessage(r -> r.queueUrl(logQueue).visibilityTimeout(0)).messages())
        .isEmpty();
    assertThat(AWS.sqs().receiveMessage(r -> r.queueUrl(urls.get("LogDLQ"))).messages())
        .extracting(Message::body)
        .containsExactly("poison");
  }

  private static Map<QueueAttributeName, String> attributes(String url) {
    return AWS.sqs()
        .getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
        .attributes();
  }
}
