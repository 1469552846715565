package dev.dogcatcher.dynamodb;

import static dev.dogcatcher.dynamodb.Items.key;
import static dev.dogcatcher.dynamodb.Items.millis;
import static java.util.Objects.requireNonNull;

import dev.dogcatcher.port.FetchCursor;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The fetch high-water mark as one item per source ({@code pk = CURSOR#<source>}, {@code position} in
 * epoch milliseconds) in the registry table; failures surface as {@link
 * dev.dogcatcher.domain.RegistryUnavailableException}.
 */
public final class DynamoDbFetchCursor implements FetchCursor {

  private final DynamoDbClient client;
  private final String table;

  public DynamoDbFetchCursor(DynamoDbClient client, String table) {
    this.client = requireNonNull(client, "client == null");
    this.table = requireNonNull(table, "table == null");
  }

  @Override
  public Optional<Instant> position(String source) {
    try {
      Map<String, AttributeValue> item =
          client
              .getItem(r -> r.tableName(table).key(key(pk(source))).consistentRead(true))
              .item();
      if (item == null || !item.containsKey("position")) {
        return Optional.empty();
      }
      return Optional.of(Items.instant(item, "position"));
    } catch (SdkException e) {
      throw Items.unavailable("GetItem (cursor " + source + ")", table, e);
    }
  }

  @Override
  public void advance(String source, Instant to) {
    try {
      client.updateItem(
          r ->
              r.tableName(table)
                  .key(key(pk(source)))
                  .updateExpression("SET #position = :to")
                  .conditionExpression("attribute_not_exists(#position) OR #position < :to")
                  .expressionAttributeNames(Map.of("#position", "position"))
                  .expressionAttributeValues(Map.of(":to", millis(to))));
    } catch (ConditionalCheckFailedException e) {
      // The mark is already at or past `to`: a stale writer loses, which is the point.
    } catch (SdkException e) {
      throw Items.unavailable("UpdateItem (cursor " + source + ")", table, e);
    }
  }

  private static String pk(String source) {
    return "CURSOR#" + requireNonNull(source, "source == null");
  }
}
