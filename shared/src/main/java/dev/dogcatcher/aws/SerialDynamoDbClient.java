package dev.dogcatcher.aws;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wraps a DynamoDB client so that its requests run one at a time, across all threads: for emulators
 * whose conditional writes are not atomic under concurrency.
 *
 * <p>moto applies a conditional write as "read the item, evaluate the condition, store" with no lock,
 * on a threaded server, so two concurrent writers can both pass {@code attribute_not_exists(pk)} (seen
 * with moto 5.2.1: two winners in one of 50 rounds of 16 racers). DynamoDB serialises the writes to an
 * item; serialising the requests restores that guarantee, while a caller's multi-request sequences
 * (retry loops, read fallbacks) still interleave freely. Never needed against AWS.
 */
public final class SerialDynamoDbClient {

  private SerialDynamoDbClient() {}

  /** A client whose calls run one at a time, across all threads; closing it closes {@code client}. */
  public static DynamoDbClient wrap(DynamoDbClient client) {
    Object lock = new Object();
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class},
            (proxy, method, arguments) -> {
              if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                  case "equals":
                    return proxy == arguments[0];
                  case "hashCode":
                    return System.identityHashCode(proxy);
                  default:
                    return "SerialDynamoDbClient[" + client + "]";
                }
              }
              synchronized (lock) {
                try {
                  return method.invoke(client, arguments);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              }
            });
  }
}
