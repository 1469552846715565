package dev.dogcatcher.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.testing.Logs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouping with learned slots, on the SQLite store the local engine uses. */
class ErrorGroupingTest {

  private static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");

  @TempDir Path dir;
  private SqliteRegistry store;

  @BeforeEach
  void open() {
    store = SqliteRegistry.open(dir.resolve("state.db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void finish_threeWordsInOnePlace_makeOneGroup() {
    List<ErrorGroup> groups = window("Invalid user admin from 10.0.0.1", "Invalid user oracle from 10.0.0.2",
        "Invalid user webmaster from 10.0.0.3", "Invalid user oracle from 10.0.0.4");

    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).count()).isEqualTo(4);
    assertThat(groups.get(0).template()).isEqualTo("Invalid user <*> from <ip>");
  }

  @Test
  void finish_twoWordsInOnePlace_stayApart() {
    List<ErrorGroup> groups = window("Invalid user admin from 10.0.0.1", "Invalid user oracle from 10.0.0.2");

    assertThat(groups).hasSize(2);
  }

  @Test
  void finish_aLearnedSlot_gathersASingleLogOfALaterWindow() {
    ErrorGroup learned = window("Invalid user admin from 10.0.0.1", "Invalid user oracle from 10.0.0.2",
        "Invalid user webmaster from 10.0.0.3").get(0);

    List<ErrorGroup> later = window("Invalid user postgres from 10.9.9.9");

    assertThat(later).hasSize(1);
    assertThat(later.get(0).fingerprint()).isEqualTo(learned.fingerprint());
  }

  @Test
  void finish_wordsLearnedOverSeveralWindows_keepTheFirstTicketsFindable() {
    ErrorGroup admin = window("Invalid user admin from 10.0.0.1").get(0);
    ErrorGroup oracle = window("Invalid user oracle from 10.0.0.2").get(0);

    ErrorGroup learned = window("Invalid user webmaster from 10.0.0.3").get(0);

    assertThat(learned.fingerprint()).isNotIn(admin.fingerprint(), oracle.fingerprint());
    assertThat(learned.aliases()).contains(
        Ticket.FINGERPRINT_LABEL + admin.fingerprint(), Ticket.FINGERPRINT_LABEL + oracle.fingerprint());
  }

  @Test
  void finish_aValueAlreadyInTheSlot_joinsTheSlotGroup() {
    List<ErrorGroup> groups = window("Invalid user 1234 from 10.0.0.9", "Invalid user admin from 10.0.0.1",
        "Invalid user oracle from 10.0.0.2", "Invalid user webmaster from 10.0.0.3");

    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).count()).isEqualTo(4);
  }

  @Test
  void finish_statesOfAnEnumeration_stayApart() {
    List<ErrorGroup> groups = window("VM Started (Lifecycle Event)", "VM Stopped (Lifecycle Event)",
        "VM Paused (Lifecycle Event)", "VM Resumed (Lifecycle Event)");

    assertThat(groups).hasSize(4);
  }

  @Test
  void finish_aCapitalisedWord_joinsASlotLearnedFromOthers() {
    List<ErrorGroup> groups = window("Invalid user admin from 10.0.0.1", "Invalid user oracle from 10.0.0.2",
        "Invalid user webmaster from 10.0.0.3", "Invalid user Guest from 10.0.0.4");

    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).count()).isEqualTo(4);
  }

  @Test
  void finish_shortMessages_neverLearnTheirWords() {
    List<ErrorGroup> groups = window("user cancelled", "user denied", "user unknown", "user expired");

    assertThat(groups).hasSize(4);
  }

  @Test
  void finish_otherServices_learnApart() {
    ErrorGrouping grouping = new ErrorGrouping(Fingerprinter.standard(), store);
    grouping.add(Logs.log("1", AT, "checkout", "Payment failed for card visa today"));
    grouping.add(Logs.log("2", AT, "billing", "Payment failed for card amex today"));
    grouping.add(Logs.log("3", AT, "search", "Payment failed for card discover today"));

    assertThat(grouping.finish().groups()).hasSize(3);
  }

  @Test
  void finish_overriddenFingerprints_areNeverGathered() {
    ErrorGrouping grouping = new ErrorGrouping(Fingerprinter.standard(), store);
    for (String name : List.of("admin", "oracle", "webmaster")) {
      grouping.add(new ErrorLog(name, AT, "error", "sshd", "prod", "", "Invalid user " + name + " from 10.0.0.1",
          "", "", "", "", "", List.of(), Map.of(), "ssh-" + name));
    }

    assertThat(grouping.finish().groups()).hasSize(3);
  }

  @Test
  void finish_apartPairsOfTheCorpus_stayApartUnderLearning() throws IOException {
    String apart;
    try (InputStream in = getClass().getResourceAsStream("/fingerprint/apart.txt")) {
      apart = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ErrorGrouping grouping = new ErrorGrouping(Fingerprinter.standard(), store);
    int messages = 0;
    for (String line : apart.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      for (String message : line.split(" \\| ")) {
        grouping.add(Logs.log("m" + messages++, AT, "svc", message));
      }
    }

    assertThat(messages).isGreaterThan(60);
    assertThat(grouping.finish().moved()).isEmpty();
  }

  @Test
  void finish_whenTheStoreIsUnavailable_failsRatherThanGroupingWithoutIt() {
    ErrorGrouping grouping = new ErrorGrouping(Fingerprinter.standard(), members -> {
      throw new RegistryUnavailableException("state file: disk I/O error", null);
    });
    grouping.add(Logs.log("1", AT, "sshd", "Invalid user admin from 10.0.0.1"));

    assertThatThrownBy(grouping::finish).isInstanceOf(RegistryUnavailableException.class);
  }

  private List<ErrorGroup> window(String... messages) {
    ErrorGrouping grouping = new ErrorGrouping(Fingerprinter.standard(), store);
    for (int i = 0; i < messages.length; i++) {
      grouping.add(Logs.log("log-" + i, AT.plusSeconds(i), "sshd", messages[i]));
    }
    return grouping.finish().groups().stream().map(group -> group.build("run")).toList();
  }
}
