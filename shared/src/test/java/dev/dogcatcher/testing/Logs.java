package dev.dogcatcher.testing;

import dev.dogcatcher.domain.ErrorLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds realistic error logs for tests. */
public final class Logs {

  private Logs() {}

  public static ErrorLog log(String id, Instant at, String service, String message) {
    return new ErrorLog(id, at, "error", service, "prod", "host-1", message, "", "", "", "", "",
        List.of("env:prod"), Map.of(), "");
  }

  public static ErrorLog javaError(
      String id, Instant at, String service, String kind, String message, String stack) {
    return new ErrorLog(id, at, "error", service, "prod", "i-0abc", message, kind, message, stack,
        "com.acme." + service + ".Service", "http-nio-8080-exec-1", List.of("env:prod"), Map.of(), "");
  }
}
