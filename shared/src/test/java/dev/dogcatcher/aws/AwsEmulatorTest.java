package dev.dogcatcher.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension's clients, built by AwsClients from a map, reach the emulator. */
class AwsEmulatorTest {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  @Test
  void env_pointsTheClientsAtTheEndpoint() {
    assertThat(AWS.env()).containsEntry("AWS_ENDPOINT_URL", AWS.endpoint()).containsKey("AWS_REGION");
    assertThat(AWS.endpoint()).startsWith("http://");
  }

  @Test
  void secretsManager_readsBackASecretStoredInTheEmulator() {
    String name = "dogcatcher/" + TemplateResources.uniqueSuffix();
    AWS.secretsManager().createSecret(r -> r.name(name).secretString("{\"JIRA_API_TOKEN\":\"t\"}"));

    assertThat(AWS.secretsManager().getSecretValue(r -> r.secretId(name)).secretString())
        .isEqualTo("{\"JIRA_API_TOKEN\":\"t\"}");
  }

  @Test
  void sqsAndDynamoDb_answer() {
    assertThat(AWS.sqs().listQueues().queueUrls()).isNotNull();
    assertThat(AWS.dynamoDb().listTables().tableNames()).isNotNull();
  }
}
