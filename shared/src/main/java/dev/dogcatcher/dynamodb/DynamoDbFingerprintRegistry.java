package dev.dogcatcher.dynamodb;

import static dev.dogcatcher.dynamodb.Items.instant;
import static dev.dogcatcher.dynamodb.Items.key;
import static dev.dogcatcher.dynamodb.Items.millis;
import static dev.dogcatcher.dynamodb.Items.n;
import static dev.dogcatcher.dynamodb.Items.number;
import static dev.dogcatcher.dynamodb.Items.s;
import static dev.dogcatcher.dynamodb.Items.string;
import static java.util.Objects.requireNonNull;

import dev.dogcatcher.domain.Claim;
import dev.dogcatcher.domain.ClaimLostException;
import dev.dogcatcher.domain.Occurrence;
import dev.dogcatcher.domain.RegistryState;
import dev.dogcatcher.domain.RegistryUnavailableException;
import dev.dogcatcher.domain.TicketRecord;
import dev.dogcatcher.port.FingerprintRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The ticket state machine (DESIGN §6) in one DynamoDB table keyed by {@code pk}: every transition is
 * a single conditional write, and a losing writer learns the winner's item from the failed condition
 * ({@code ReturnValuesOnConditionCheckFailure = ALL_OLD}) without a second read.
 *
 * <p>Items: {@code FP#<destination>#<fingerprint>} (never expires) and {@code CTR#<counter>} (TTL
 * attribute {@code expiresAt}, epoch seconds). Times are epoch milliseconds.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html">PutItem:
 *     ReturnValuesOnConditionCheckFailure</a>
 */
public final class DynamoDbFingerprintRegistry implements FingerprintRegistry {

  /**
   * Bound on the optimistic loops below. Each failed attempt reveals a state that only moves forward
   * (a claim appears, a comment time or lastSeen grows), so two or three attempts settle any race.
   */
  private static final int MAX_ATTEMPTS = 5;

  private static final String CLAIMED = RegistryState.CLAIMED.name();
  private static final String UNCERTAIN = RegistryState.UNCERTAIN.name();
  private static final String TICKETED = RegistryState.TICKETED.name();

  // state, owner and count are DynamoDB reserved words, so expressions name them through placeholders.
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html
  private static final Map<String, String> NAMES =
      Map.of("#state", "state", "#owner", "owner", "#count", "count");

  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;

  public DynamoDbFingerprintRegistry(DynamoDbClient client, String table) {
    this(client, table, Clock.systemUTC());
  }

  /** The clock only decides whether a counter's window has passed ({@link #tryTake} has no "now"). */
  DynamoDbFingerprintRegistry(DynamoDbClient client, String table, Clock clock) {
    this.client = requireNonNull(client, "client == null");
    this.table = requireNonNull(table, "table == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  @Override
  public Optional<TicketRecord> find(String destination, String fingerprint) {
    return read(destination, fingerprint).map(item -> record(fingerprint, item));
  }

  @Override
  public Claim claim(String destination, String fingerprint, String owner, Instant now, Duration lease) {
    requireNonNull(owner, "owner == null");
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s(pk(destination, fingerprint)));
    item.put("fingerprint", s(fingerprint));
    item.put("destination", s(destination));
    item.put("state", s(CLAIMED));
    item.put("owner", s(owner));
    item.put("leaseUntil", millis(now.plus(lease)));
    // Placeholders until markTicketed records the group's real numbers.
    item.put("firstSeen", n(0));
    item.put("lastSeen", n(0));
    item.put("count", n(0));
    item.put("lastCommentAt", n(0));
    item.put("countSinceComment", n(0));
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        PutItemResponse response =
            client.putItem(
                r ->
                    r.tableName(table)
                        .item(item)
                        .conditionExpression(
                            "attribute_not_exists(pk) OR (#state <> :ticketed AND leaseUntil < :now)")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":ticketed", s(TICKETED), ":now", millis(now)))
                        // On success, ALL_OLD is the expired item we replaced: WON vs TOOK_OVER without a read.
                        .returnValues(ReturnValue.ALL_OLD)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        if (response.hasAttributes() && !response.attributes().isEmpty()) {
          return new Claim(Claim.Outcome.TOOK_OVER, Optional.of(record(fingerprint, response.attributes())));
        }
        return new Claim(Claim.Outcome.WON, Optional.empty());
      } catch (ConditionalCheckFailedException e) {
        // DynamoDB returns the item that failed the condition; read it only if an emulator did not.
        Optional<Map<String, AttributeValue>> winner =
            e.hasItem() && !e.item().isEmpty() ? Optional.of(e.item()) : read(destination, fingerprint);
        if (winner.isPresent()) {
          return new Claim(Claim.Outcome.LOST, Optional.of(record(fingerprint, winner.get())));
        }
        // The winner released its claim between our write and our read: try again.
      } catch (SdkException e) {
        throw Items.unavailable("PutItem (claim " + fingerprint + ")", table, e);
      }
    }
    throw new RegistryUnavailableException(
        "claim of " + fingerprint + " at " + destination + " kept conflicting after " + MAX_ATTEMPTS
            + " attempts",
        null);
  }

  @Override
  public TicketRecord markTicketed(
      String destination,
      String fingerprint,
      String owner,
      String issueKey,
      Instant firstSeen,
      Instant lastSeen,
      long count,
      String runId,
      Instant now) {
    requireNonNull(issueKey, "issueKey == null");
    requireNonNull(runId, "runId == null");
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":owner", s(owner));
    values.put(":claimed", s(CLAIMED));
    values.put(":uncertain", s(UNCERTAIN));
    values.put(":ticketed", s(TICKETED));
    values.put(":issueKey", s(issueKey));
    values.put(":firstSeen", millis(firstSeen));
    values.put(":lastSeen", millis(lastSeen));
    values.put(":count", n(count));
    values.put(":zero", n(0));
    values.put(":now", millis(now));
    values.put(":run", s(runId));
    try {
      UpdateItemResponse response =
          client.updateItem(
              r ->
                  r.tableName(table)
                      .key(key(pk(destination, fingerprint)))
                      // lastCommentAt = now: the new ticket is the first update, so occurrences wait a cool-down.
                      .updateExpression(
                          "SET #state = :ticketed, issueKey = :issueKey, firstSeen = :firstSeen,"
                              + " lastSeen = :lastSeen, #count = :count, lastCommentAt = :now,"
                              + " countSinceComment = :zero, lastRun = :run")
                      .conditionExpression("#owner = :owner AND #state IN (:claimed, :uncertain)")
                      .expressionAttributeNames(NAMES)
                      .expressionAttributeValues(values)
                      .returnValues(ReturnValue.ALL_NEW)
                      .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return record(fingerprint, response.attributes());
    } catch (ConditionalCheckFailedException e) {
      throw claimLost("mark " + issueKey + " as the ticket of", destination, fingerprint, owner, e);
    } catch (SdkException e) {
      throw Items.unavailable("UpdateItem (markTicketed " + fingerprint + ")", table, e);
    }
  }

  @Override
  public void markUncertain(
      String destination, String fingerprint, String owner, Instant now, Duration lease) {
    try {
      client.updateItem(
          r ->
              r.tableName(table)
                  .key(key(pk(destination, fingerprint)))
                  .updateExpression("SET #state = :uncertain, leaseUntil = :leaseUntil")
                  .conditionExpression("#owner = :owner AND #state = :claimed")
                  .expressionAttributeNames(Map.of("#state", "state", "#owner", "owner"))
                  .expressionAttributeValues(
                      Map.of(
                          ":owner", s(owner),
                          ":claimed", s(CLAIMED),
                          ":uncertain", s(UNCERTAIN),
                          ":leaseUntil", millis(now.plus(lease))))
                  .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
    } catch (ConditionalCheckFailedException e) {
      throw claimLost("mark as uncertain", destination, fingerprint, owner, e);
    } catch (SdkException e) {
      throw Items.unavailable("UpdateItem (markUncertain " + fingerprint + ")", table, e);
    }
  }

  /**
   * Deletes the owner's CLAIMED item. An UNCERTAIN item is kept even for its owner: the issue may
   * exist, so the next worker must take it over and search Jira rather than create blind.
   */
  @Override
  public void release(String destination, String fingerprint, String owner) {
    try {
      client.deleteItem(
          r ->
              r.tableName(table)
                  .key(key(pk(destination, fingerprint)))
                  .conditionExpression("#owner = :owner AND #state = :claimed")
                  .expressionAttributeNames(Map.of("#state", "state", "#owner", "owner"))
                  .expressionAttributeValues(Map.of(":owner", s(owner), ":claimed", s(CLAIMED))));
    } catch (ConditionalCheckFailedException e) {
      // Not ours (any more): leave it alone, as the port promises.
    } catch (SdkException e) {
      throw Items.unavailable("DeleteItem (release " + fingerprint + ")", table, e);
    }
  }

  /**
   * One conditional UpdateItem both adds the occurrences and decides the comment, so that exactly one
   * caller per cool-down wins it.
   *
   * <p>An update expression cannot branch ("reset the counter if the cool-down passed, else add to
   * it") nor take a maximum ("lastSeen = max(lastSeen, :lastSeen)"). So the write guesses the item's
   * state — comment due or not, lastSeen older or not — and states the guess as its condition; if the
   * guess was wrong, the failed condition returns the item (ALL_OLD), the next attempt guesses from it.
   * Both facts only move one way (lastCommentAt and lastSeen only grow), so a second attempt almost
   * always lands. The first guess is the common case: no comment due, lastSeen moves forward.
   *
   * <p>The successful write returns the item as it was (ALL_OLD), from which the new item follows
   * exactly because the write was atomic; {@code countSinceComment} of a due comment is the old
   * running count plus this call's.
   */
  @Override
  public Occurrence recordOccurrence(
      String destination,
      String fingerprint,
      String runId,
      long count,
      Instant lastSeen,
      Instant now,
      Duration commentCooldown) {
    if (count < 0) {
      throw new IllegalArgumentException("count < 0: " + count);
    }
    long cooldownStart = now.minus(commentCooldown).toEpochMilli();
    boolean due = false;
    boolean advance = true;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      List<String> sets = new ArrayList<>(List.of("lastRun = :run"));
      List<String> adds = new ArrayList<>(List.of("#count :n"));
      // A redelivered message of the run last counted adds nothing (SQS delivers at least once).
      List<String> conditions =
          new ArrayList<>(List.of("#state = :ticketed", "(attribute_not_exists(lastRun) OR lastRun <> :run)"));
      Map<String, AttributeValue> values = new HashMap<>();
      values.put(":ticketed", s(TICKETED));
      values.put(":run", s(runId));
      values.put(":n", n(count));
      values.put(":cooldownStart", n(cooldownStart));
      values.put(":lastSeen", millis(lastSeen));
      if (due) {
        sets.add("lastCommentAt = :now");
        sets.add("countSinceComment = :zero");
        conditions.add("(attribute_not_exists(lastCommentAt) OR lastCommentAt < :cooldownStart)");
        values.put(":now", millis(now));
        values.put(":zero", n(0));
      } else {
        adds.add("countSinceComment :n");
        conditions.add("lastCommentAt >= :cooldownStart");
      }
      if (advance) {
        sets.add("lastSeen = :lastSeen");
        conditions.add("(attribute_not_exists(lastSeen) OR lastSeen < :lastSeen)");
      } else {
        conditions.add("lastSeen >= :lastSeen");
      }
      String update =
          (sets.isEmpty() ? "" : "SET " + String.join(", ", sets) + " ") + "ADD " + String.join(", ", adds);
      try {
        UpdateItemResponse response =
            client.updateItem(
                r ->
                    r.tableName(table)
                        .key(key(pk(destination, fingerprint)))
                        .updateExpression(update)
                        .conditionExpression(String.join(" AND ", conditions))
                        .expressionAttributeNames(Map.of("#state", "state", "#count", "count"))
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_OLD)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        TicketRecord old = record(fingerprint, response.attributes());
        long since = old.countSinceComment() + count;
        TicketRecord updated =
            new TicketRecord(
                fingerprint,
                RegistryState.TICKETED,
                old.owner(),
                old.leaseUntil(),
                old.issueKey(),
                old.firstSeen(),
                advance ? lastSeen : old.lastSeen(),
                old.count() + count,
                due ? now : old.lastCommentAt(),
                due ? 0 : since);
        return new Occurrence(updated, due, due ? since : 0);
      } catch (ConditionalCheckFailedException e) {
        Map<String, AttributeValue> item = e.hasItem() ? e.item() : Map.of();
        if (item.isEmpty() || !TICKETED.equals(string(item, "state"))) {
          throw new IllegalStateException(
              "occurrence of fingerprint " + fingerprint + " at " + destination
                  + " recorded before its ticket: the item is "
                  + (item.isEmpty() ? "absent" : string(item, "state")));
        }
        if (runId.equals(string(item, "lastRun"))) {
          return new Occurrence(record(fingerprint, item), false, 0);
        }
        due = number(item, "lastCommentAt", 0) < cooldownStart;
        advance = number(item, "lastSeen", 0) < lastSeen.toEpochMilli();
      } catch (SdkException e) {
        throw Items.unavailable("UpdateItem (recordOccurrence " + fingerprint + ")", table, e);
      }
    }
    throw new RegistryUnavailableException(
        "occurrence of " + fingerprint + " at " + destination + " kept conflicting after "
            + MAX_ATTEMPTS + " attempts",
        null);
  }

  /**
   * {@code ADD n 1} below the limit. DynamoDB's TTL deletes expired items only eventually (and moto
   * never), so an item whose {@code expiresAt} has passed counts as absent: it is reset to 1 by a
   * second write conditional on it still being expired, so that two resetting callers don't both win.
   */
  @Override
  public boolean tryTake(String counter, long limit, Instant expiresAt) {
    if (limit <= 0) {
      return false;
    }
    String pk = "CTR#" + requireNonNull(counter, "counter == null");
    long now = clock.instant().getEpochSecond();
    AttributeValue nowSeconds = n(now);
    AttributeValue expires = n(expiresAt.getEpochSecond());
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        client.updateItem(
            r ->
                r.tableName(table)
                    .key(key(pk))
                    .updateExpression("ADD n :one SET expiresAt = :expiresAt")
                    .conditionExpression(
                        "attribute_not_exists(n) OR (n < :limit"
                            + " AND (attribute_not_exists(expiresAt) OR expiresAt >= :nowSeconds))")
                    .expressionAttributeValues(
                        Map.of(
                            ":one", n(1),
                            ":limit", n(limit),
                            ":expiresAt", expires,
                            ":nowSeconds", nowSeconds))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        return true;
      } catch (ConditionalCheckFailedException e) {
        Map<String, AttributeValue> item = e.hasItem() ? e.item() : Map.of();
        if (!item.isEmpty() && number(item, "expiresAt", Long.MAX_VALUE) >= now) {
          return false; // live and at its limit
        }
      } catch (SdkException e) {
        throw Items.unavailable("UpdateItem (tryTake " + counter + ")", table, e);
      }
      try {
        client.updateItem(
            r ->
                r.tableName(table)
                    .key(key(pk))
                    .updateExpression("SET n = :one, expiresAt = :expiresAt")
                    .conditionExpression("expiresAt < :nowSeconds")
                    .expressionAttributeValues(
                        Map.of(":one", n(1), ":expiresAt", expires, ":nowSeconds", nowSeconds)));
        return true;
      } catch (ConditionalCheckFailedException e) {
        // Another caller reset it first (or it vanished): decide again on the live item.
      } catch (SdkException e) {
        throw Items.unavailable("UpdateItem (tryTake reset " + counter + ")", table, e);
      }
    }
    throw new RegistryUnavailableException(
        "counter " + counter + " kept conflicting after " + MAX_ATTEMPTS + " attempts", null);
  }

  @Override
  public void giveBack(String counter) {
    try {
      client.updateItem(
          r ->
              r.tableName(table)
                  .key(key("CTR#" + requireNonNull(counter, "counter == null")))
                  .updateExpression("ADD n :minusOne")
                  .conditionExpression("n > :zero")
                  .expressionAttributeValues(Map.of(":minusOne", n(-1), ":zero", n(0))));
    } catch (ConditionalCheckFailedException e) {
      // Nothing taken (or already expired and gone): nothing to give back.
    } catch (SdkException e) {
      throw Items.unavailable("UpdateItem (giveBack " + counter + ")", table, e);
    }
  }

  private Optional<Map<String, AttributeValue>> read(String destination, String fingerprint) {
    try {
      Map<String, AttributeValue> item =
          client
              .getItem(
                  r -> r.tableName(table).key(key(pk(destination, fingerprint))).consistentRead(true))
              .item();
      return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    } catch (SdkException e) {
      throw Items.unavailable("GetItem (" + fingerprint + ")", table, e);
    }
  }

  private static ClaimLostException claimLost(
      String action,
      String destination,
      String fingerprint,
      String owner,
      ConditionalCheckFailedException e) {
    Map<String, AttributeValue> item = e.hasItem() ? e.item() : Map.of();
    String holder =
        item.isEmpty()
            ? "the item is absent"
            : "it is " + string(item, "state") + " by " + string(item, "owner");
    return new ClaimLostException(
        owner + " cannot " + action + " fingerprint " + fingerprint + " at " + destination
            + ": " + holder);
  }

  private static TicketRecord record(String fingerprint, Map<String, AttributeValue> item) {
    String state = string(item, "state");
    if (state.isEmpty()) {
      throw new IllegalStateException("registry item of fingerprint " + fingerprint + " has no state");
    }
    return new TicketRecord(
        fingerprint,
        RegistryState.valueOf(state),
        string(item, "owner"),
        instant(item, "leaseUntil"),
        string(item, "issueKey"),
        instant(item, "firstSeen"),
        instant(item, "lastSeen"),
        number(item, "count", 0),
        instant(item, "lastCommentAt"),
        number(item, "countSinceComment", 0));
  }

  private static String pk(String destination, String fingerprint) {
    return "FP#" + requireNonNull(destination, "destination == null") + "#"
        + requireNonNull(fingerprint, "fingerprint == null");
  }
}
