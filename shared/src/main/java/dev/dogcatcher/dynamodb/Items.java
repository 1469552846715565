package dev.dogcatcher.dynamodb;

import dev.dogcatcher.domain.RegistryUnavailableException;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Attribute encoding and error translation shared by the DynamoDB adapters. */
final class Items {

  private Items() {}

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static AttributeValue millis(Instant instant) {
    return n(instant.toEpochMilli());
  }

  static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", s(pk));
  }

  /** A number attribute, or {@code absent} when the item lacks it. */
  static long number(Map<String, AttributeValue> item, String name, long absent) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? absent : Long.parseLong(value.n());
  }

  /** A string attribute, or "" when the item lacks it. */
  static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.s() == null ? "" : value.s();
  }

  static Instant instant(Map<String, AttributeValue> item, String name) {
    return Instant.ofEpochMilli(number(item, name, 0));
  }

  /**
   * Translates an SDK failure (throttling after the SDK's retries, timeouts, a missing table, bad
   * credentials) so that callers fail closed; the message names the operation and the AWS error code.
   */
  static RegistryUnavailableException unavailable(String operation, String table, SdkException e) {
    String reason = e.getClass().getSimpleName();
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      reason = service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")";
    }
    return new RegistryUnavailableException(
        "DynamoDB " + operation + " on table " + table + " failed: " + reason, e);
  }
}
