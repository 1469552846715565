package dev.dogcatcher.dynamodb;

import static dev.dogcatcher.dynamodb.Items.key;
import static java.util.Objects.requireNonNull;

import dev.dogcatcher.domain.RegistryUnavailableException;
import dev.dogcatcher.port.SlotStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Learned slots as one item per slot ({@code pk = SLOT#<slot>}, {@code members} a string set) in the
 * registry table. A fetch reads all its slots in batches of 100 and writes only the slots that gain a
 * member and are not yet learned, with a condition that stops a slot growing past {@link #LEARNED}
 * (two fetchers racing may each add the last member: a slot never holds more than a few over).
 */
public final class DynamoDbSlotStore implements SlotStore {

  private static final int BATCH = 100;
  private static final int MAX_ROUNDS = 6;

  private final DynamoDbClient client;
  private final String table;

  public DynamoDbSlotStore(DynamoDbClient client, String table) {
    this.client = requireNonNull(client, "client == null");
    this.table = requireNonNull(table, "table == null");
  }

  @Override
  public Map<String, Set<String>> record(Map<String, Set<String>> members) {
    Map<String, Set<String>> known = read(members.keySet());
    for (Map.Entry<String, Set<String>> slot : members.entrySet()) {
      Set<String> now = known.get(slot.getKey());
      List<String> adding = new ArrayList<>();
      for (String member : slot.getValue()) {
        if (now.size() + adding.size() >= LEARNED) {
          break;
        }
        if (!now.contains(member)) {
          adding.add(member);
        }
      }
      if (!adding.isEmpty()) {
        known.put(slot.getKey(), add(slot.getKey(), adding));
      }
    }
    return known;
  }

  private Map<String, Set<String>> read(Set<String> slots) {
    Map<String, Set<String>> known = new LinkedHashMap<>();
    slots.forEach(slot -> known.put(slot, new LinkedHashSet<>()));
    List<String> all = new ArrayList<>(slots);
    try {
      for (int start = 0; start < all.size(); start += BATCH) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        all.subList(start, Math.min(all.size(), start + BATCH)).forEach(slot -> keys.add(key(pk(slot))));
        Map<String, KeysAndAttributes> request =
            Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int round = 0; !request.isEmpty(); round++) {
          if (round > 0) {
            backOff(round);
          }
          Map<String, KeysAndAttributes> pending = request;
          var response = client.batchGetItem(r -> r.requestItems(pending));
          response.responses().getOrDefault(table, List.of()).forEach(item ->
              known.get(Items.string(item, "pk").substring("SLOT#".length())).addAll(members(item)));
          request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
      }
    } catch (SdkException e) {
      throw Items.unavailable("BatchGetItem (slots)", table, e);
    }
    return known;
  }

  /** Keys DynamoDB left unprocessed (throttling) are asked again after 50, 100, 200… ms, six times at most. */
  private void backOff(int round) {
    if (round > MAX_ROUNDS) {
      throw new RegistryUnavailableException(
          "DynamoDB BatchGetItem (slots) on table " + table + " left keys unprocessed " + MAX_ROUNDS + " times", null);
    }
    try {
      Thread.sleep(50L << (round - 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted while reading slots from table " + table, e);
    }
  }

  private Set<String> add(String slot, List<String> adding) {
    try {
      Map<String, AttributeValue> item =
          client
              .updateItem(
                  r ->
                      r.tableName(table)
                          .key(key(pk(slot)))
                          .updateExpression("ADD members :adding")
                          .conditionExpression("attribute_not_exists(members) OR size(members) < :learned")
                          .expressionAttributeValues(
                              Map.of(":adding", AttributeValue.fromSs(adding), ":learned", Items.n(LEARNED)))
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return members(item);
    } catch (ConditionalCheckFailedException e) {
      // Learned meanwhile by another fetch: what it holds is the answer.
      return read(Set.of(slot)).get(slot);
    } catch (SdkException e) {
      throw Items.unavailable("UpdateItem (slot)", table, e);
    }
  }

  private static Set<String> members(Map<String, AttributeValue> item) {
    AttributeValue members = item == null ? null : item.get("members");
    return members == null || !members.hasSs() ? new LinkedHashSet<>() : new LinkedHashSet<>(members.ss());
  }

  private static String pk(String slot) {
    return "SLOT#" + requireNonNull(slot, "slot == null");
  }
}
