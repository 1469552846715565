package dev.dogcatcher.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.aws.AwsEmulator;
import dev.dogcatcher.aws.TemplateResources;
import dev.dogcatcher.domain.RegistryUnavailableException;
import dev.dogcatcher.port.SlotStore;
import dev.dogcatcher.port.SlotStoreContract;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The slot store contract on moto_server, in a table created from template.yaml. */
class DynamoDbSlotStoreTest extends SlotStoreContract {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  private static String table;

  @BeforeAll
  static void createTable() {
    table =
        TemplateResources.fromRepository()
            .createTable(AWS.dynamoDb(), "RegistryTable", TemplateResources.uniqueSuffix());
  }

  @Override
  protected SlotStore store() {
    return new DynamoDbSlotStore(AWS.dynamoDb(), table);
  }

  @Test
  void record_storesMembersAsAStringSetUnderTheSlotKey() {
    store().record(Map.of("layout", Set.of("fp-a", "fp-b")));

    Map<String, AttributeValue> item =
        AWS.dynamoDb()
            .getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("SLOT#layout"))))
            .item();
    assertThat(item.get("members").ss()).containsExactlyInAnyOrder("fp-a", "fp-b");
  }

  @Test
  void record_whenTheTableIsMissing_throwsRegistryUnavailable() {
    SlotStore missing = new DynamoDbSlotStore(AWS.dynamoDb(), "no-such-table");

    assertThatThrownBy(() -> missing.record(Map.of("slot", Set.of("fp-a"))))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("no-such-table");
  }
}
