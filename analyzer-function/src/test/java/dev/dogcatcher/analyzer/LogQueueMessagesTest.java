package dev.dogcatcher.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.ErrorGrouping;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.json.DatadogLogs;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.json.MalformedMessageException;
import dev.dogcatcher.json.Messages;
import dev.dogcatcher.testing.Logs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogQueueMessagesTest {

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final Instant SENT = Instant.parse("2026-11-27T11:59:30Z");

  private static final String DATADOG_EVENT = """
      {"id": "AQAAAZL-datadog-1", "type": "log",
       "attributes": {"timestamp": "2026-11-27T11:58:00.000Z", "service": "checkout", "status": "error",
         "host": "i-0abc", "message": "Payment declined for order 81723",
         "tags": ["env:prod"],
         "attributes": {"error": {"kind": "PaymentDeclinedException",
           "stack": "com.acme.PaymentDeclinedException: declined\\n\\tat com.acme.checkout.Pay.charge(Pay.java:12)"}}}}
      """;

  @TempDir Path dir;
  private SqliteRegistry slots;
  private LogQueueMessages messages;

  @BeforeEach
  void open() {
    slots = SqliteRegistry.open(dir.resolve("state.db"));
    messages = new LogQueueMessages(Fingerprinter.standard(), slots, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    slots.close();
  }

  @Test
  void read_errorGroup_isTheFetchersMessageUnchanged() {
    String body = EventLoader.loadSQSEvent("../events/log-queue.json").getRecords().get(0).getBody();

    ErrorGroup group = messages.read(message("m-1", body));

    assertThat(group).isEqualTo(Messages.readErrorGroup(body));
  }

  @Test
  void read_datadogEvent_isFingerprintedAsTheFetcherWouldIntoAGroupOfOne() throws Exception {
    ErrorGroup group = messages.read(message("m-2", DATADOG_EVENT));

    String expected = Fingerprinter.standard().of(DatadogLogs.toErrorLog(Json.MAPPER.readTree(DATADOG_EVENT))).value();
    assertThat(group.fingerprint()).isEqualTo(expected);
    assertThat(group.count()).isEqualTo(1);
    assertThat(group.runId()).isEqualTo("replay-m-2");
    assertThat(group.logIds()).containsExactly("AQAAAZL-datadog-1");
    assertThat(group.service()).isEqualTo("checkout");
    assertThat(group.errorKind()).isEqualTo("PaymentDeclinedException");
    assertThat(group.firstSeen()).isEqualTo(Instant.parse("2026-11-27T11:58:00Z"));
  }

  @Test
  void read_sameRawLogInTwoMessages_givesTheSameFingerprint() {
    ErrorGroup first = messages.read(message("m-3", DATADOG_EVENT));
    ErrorGroup replayed = messages.read(message("m-4", DATADOG_EVENT));

    assertThat(replayed.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(replayed.runId()).isNotEqualTo(first.runId());
  }

  @Test
  void read_bareLog_fingerprintsLikeTheDatadogEventItStandsFor() {
    String bare = """
        {"service": "checkout", "message": "Payment declined for order 81723",
         "error.kind": "PaymentDeclinedException",
         "stack": "com.acme.PaymentDeclinedException: declined\\n\\tat com.acme.checkout.Pay.charge(Pay.java:12)",
         "env": "prod", "timestamp": "2026-11-27T11:58:00Z"}
        """;

    ErrorGroup group = messages.read(message("m-5", bare));

    assertThat(group.fingerprint()).isEqualTo(messages.read(message("m-6", DATADOG_EVENT)).fingerprint());
    assertThat(group.env()).isEqualTo("prod");
    assertThat(group.sample().stack()).contains("Pay.charge");
    assertThat(group.logIds()).containsExactly("m-5");
    assertThat(group.runId()).isEqualTo("replay-m-5");
  }

  @Test
  void read_bareLogWithNestedErrorAndNoTimestamp_isDatedWhenSqsReceivedIt() {
    ErrorGroup group = messages.read(message("m-7",
        "{\"service\":\"billing\",\"message\":\"Invoice 12 failed\",\"error\":{\"kind\":\"IOException\"}}"));

    assertThat(group.errorKind()).isEqualTo("IOException");
    assertThat(group.firstSeen()).isEqualTo(SENT);
    assertThat(group.template()).isEqualTo("Invoice <int> failed");
  }

  @Test
  void read_bareLogWithoutSentTimestamp_isDatedNow() {
    SQSEvent.SQSMessage message = message("m-8", "{\"service\":\"billing\",\"message\":\"boom\"}");
    message.setAttributes(Map.of());

    assertThat(messages.read(message).firstSeen()).isEqualTo(NOW);
  }

  @Test
  void read_bareLogWithoutService_failsNamingTheAcceptedShapes() {
    assertThatThrownBy(() -> messages.read(message("m-9", "{\"message\":\"boom\"}")))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("needs both \"service\" and \"message\"")
        .hasMessageContaining(LogQueueMessages.ACCEPTED);
  }

  @Test
  void read_unrecognisedObject_failsNamingItsKeysAndTheAcceptedShapes() {
    assertThatThrownBy(() -> messages.read(message("m-10", "{\"hello\":\"world\",\"n\":1}")))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("unrecognised object with keys [hello, n]")
        .hasMessageContaining("ErrorGroup")
        .hasMessageContaining("Datadog log event")
        .hasMessageContaining("{\"service\": …, \"message\": …}");
  }

  @Test
  void read_bodyThatIsNotJson_failsNamingTheAcceptedShapes() {
    assertThatThrownBy(() -> messages.read(message("m-11", "Payment declined")))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageStartingWith("message body is not JSON")
        .hasMessageContaining(LogQueueMessages.ACCEPTED);
  }

  @Test
  void read_jsonArray_failsNamingTheAcceptedShapes() {
    assertThatThrownBy(() -> messages.read(message("m-12", "[" + DATADOG_EVENT + "]")))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageStartingWith("message body is not a JSON object");
  }

  @Test
  void read_datadogEventWithoutTimestamp_failsWithDatadogsReason() {
    assertThatThrownBy(() -> messages.read(message("m-13",
        "{\"id\":\"x\",\"attributes\":{\"service\":\"a\",\"message\":\"b\"}}")))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("log item has no timestamp");
  }

  @Test
  void read_errorGroupOfAFutureSchema_failsAsUnsupported() {
    assertThatThrownBy(() -> messages.read(message("m-14", "{\"schema\":99,\"fingerprint\":\"abc\"}")))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("unsupported schema 99");
  }

  @Test
  void read_bareLogOfALearnedSlot_joinsTheGroupTheFetcherFiles() {
    ErrorGrouping fetched = new ErrorGrouping(Fingerprinter.standard(), slots);
    for (String user : List.of("admin", "oracle", "webmaster")) {
      fetched.add(Logs.log(user, NOW, "sshd", "Invalid user " + user + " from 10.0.0.1"));
    }
    ErrorGroup learned = fetched.finish().groups().get(0).build("run-1");

    ErrorGroup replayed =
        messages.read(message("m-15", "{\"service\":\"sshd\",\"message\":\"Invalid user guest from 10.0.0.9\"}"));

    assertThat(replayed.fingerprint()).isEqualTo(learned.fingerprint());
    assertThat(replayed.runId()).isEqualTo("replay-m-15");
  }

  private static SQSEvent.SQSMessage message(String id, String body) {
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId(id);
    message.setBody(body);
    message.setAttributes(Map.of("SentTimestamp", Long.toString(SENT.toEpochMilli()), "ApproximateReceiveCount", "1"));
    return message;
  }
}
