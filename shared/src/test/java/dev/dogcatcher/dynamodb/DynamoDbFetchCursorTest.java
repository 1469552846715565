package dev.dogcatcher.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.aws.AwsEmulator;
import dev.dogcatcher.aws.TemplateResources;
import dev.dogcatcher.domain.RegistryUnavailableException;
import dev.dogcatcher.port.FetchCursor;
import dev.dogcatcher.port.FetchCursorContract;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The cursor contract on moto_server, in a table created from template.yaml. */
class DynamoDbFetchCursorTest extends FetchCursorContract {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  private static String table;

  @BeforeAll
  static void createTable() {
    table =
        TemplateResources.fromRepository()
            .createTable(AWS.dynamoDb(), "RegistryTable", TemplateResources.uniqueSuffix());
  }

  @Override
  protected FetchCursor cursor() {
    return new DynamoDbFetchCursor(AWS.dynamoDb(), table);
  }

  @Test
  void advance_storesEpochMillisUnderTheSourceKey() {
    cursor().advance("datadog:layout", BASE);

    Map<String, AttributeValue> item =
        AWS.dynamoDb()
            .getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS("CURSOR#datadog:layout"))))
            .item();
    assertThat(item.get("position").n()).isEqualTo(Long.toString(BASE.toEpochMilli()));
  }

  @Test
  void position_whenTheTableIsMissing_throwsRegistryUnavailable() {
    FetchCursor missing = new DynamoDbFetchCursor(AWS.dynamoDb(), "no-such-table");

    assertThatThrownBy(() -> missing.position("datadog"))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("no-such-table");
    assertThatThrownBy(() -> missing.advance("datadog", BASE))
        .isInstanceOf(RegistryUnavailableException.class);
  }
}
