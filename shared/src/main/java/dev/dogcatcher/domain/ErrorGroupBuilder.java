package dev.dogcatcher.domain;

import dev.dogcatcher.fingerprint.Fingerprint;
import dev.dogcatcher.fingerprint.LegacyLoghash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates the logs of one fingerprint into an {@link ErrorGroup}: counts them, keeps the first and
 * last seen, up to {@link ErrorGroup#MAX_LOG_IDS} ids and the earliest log as the sample.
 *
 * <p>The sample is truncated deterministically so that a message never exceeds the SQS limit: the
 * message keeps its head, the stack its head and its tail (where the root cause is).
 */
public final class ErrorGroupBuilder {

  static final int MAX_MESSAGE = 8 * 1024;
  static final int MAX_STACK_HEAD = 24 * 1024;
  static final int MAX_STACK_TAIL = 8 * 1024;
  static final int MAX_TEMPLATE = 2 * 1024;
  static final int MAX_SHORT = 512;
  static final int MAX_LEGACY_MESSAGE = 64 * 1024;

  private Fingerprint fingerprint;
  private final ErrorLog first;
  private ErrorLog sample;
  private long count;
  private Instant firstSeen;
  private Instant lastSeen;
  private final List<String> logIds = new ArrayList<>();
  private final Set<String> aliases = new LinkedHashSet<>();

  public ErrorGroupBuilder(Fingerprint fingerprint, ErrorLog first) {
    this(fingerprint, first, List.of());
  }

  /**
   * Starts a group whose fingerprint earlier recipes computed differently ({@code earlier}): their
   * {@code fp-} labels travel as aliases, so a ticket filed under them is found; so does the Python
   * tool's label of the first log, unless the message is huge (its patterns are costly on huge text).
   */
  public ErrorGroupBuilder(Fingerprint fingerprint, ErrorLog first, List<Fingerprint> earlier) {
    earlier.forEach(previous -> aliases.add(Ticket.FINGERPRINT_LABEL + previous.value()));
    if (first.message().length() <= MAX_LEGACY_MESSAGE) {
      LegacyLoghash.of(first.message()).ifPresent(aliases::add);
    }
    this.fingerprint = fingerprint;
    this.first = first;
    this.sample = first;
    this.firstSeen = first.timestamp();
    this.lastSeen = first.timestamp();
    this.count = 1;
    logIds.add(first.id());
  }

  /** Adds a log of the same fingerprint. */
  public void add(ErrorLog log) {
    count++;
    if (log.timestamp().isBefore(firstSeen)) {
      firstSeen = log.timestamp();
    }
    if (log.timestamp().isAfter(lastSeen)) {
      lastSeen = log.timestamp();
    }
    if (isEarlier(log, sample)) {
      sample = log;
    }
    if (logIds.size() < ErrorGroup.MAX_LOG_IDS) {
      logIds.add(log.id());
    }
  }

  /**
   * Moves the group to a learned slot's fingerprint ({@link ErrorGrouping}): the fingerprints of the
   * slot's members, under which tickets may have been filed before it was learned, become aliases.
   */
  void learn(Fingerprint slot, Collection<String> members) {
    members.forEach(member -> aliases.add(Ticket.FINGERPRINT_LABEL + member));
    fingerprint = slot;
  }

  /** Adds the logs of another group of the same learned slot; this group's sample stays the earliest. */
  void absorb(ErrorGroupBuilder other) {
    count += other.count;
    if (other.firstSeen.isBefore(firstSeen)) {
      firstSeen = other.firstSeen;
    }
    if (other.lastSeen.isAfter(lastSeen)) {
      lastSeen = other.lastSeen;
    }
    if (isEarlier(other.sample, sample)) {
      sample = other.sample;
    }
    for (String id : other.logIds) {
      if (logIds.size() >= ErrorGroup.MAX_LOG_IDS) {
        break;
      }
      logIds.add(id);
    }
  }

  public long count() {
    return count;
  }

  public ErrorGroup build(String runId) {
    return new ErrorGroup(
        ErrorGroup.SCHEMA,
        runId,
        fingerprint.value(),
        fingerprint.version(),
        head(first.service(), MAX_SHORT),
        head(first.env(), MAX_SHORT),
        head(sample.errorKind(), MAX_SHORT),
        head(fingerprint.template(), MAX_TEMPLATE),
        sampleOf(sample),
        count,
        firstSeen,
        lastSeen,
        logIds,
        List.copyOf(aliases));
  }

  /** The bounded sample of one log. */
  public static Sample sampleOf(ErrorLog log) {
    Map<String, String> attributes = new LinkedHashMap<>();
    log.attributes().forEach((key, value) -> attributes.put(head(key, MAX_SHORT), head(value, MAX_SHORT)));
    String message = log.message().isBlank() ? log.errorMessage() : log.message();
    return new Sample(
        head(message, MAX_MESSAGE),
        headAndTail(log.stack(), MAX_STACK_HEAD, MAX_STACK_TAIL),
        head(log.logger(), MAX_SHORT),
        head(log.host(), MAX_SHORT),
        head(log.thread(), MAX_SHORT),
        log.timestamp(),
        attributes);
  }

  private static boolean isEarlier(ErrorLog a, ErrorLog b) {
    int byTime = a.timestamp().compareTo(b.timestamp());
    return byTime < 0 || (byTime == 0 && a.id().compareTo(b.id()) < 0);
  }

  static String head(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + " …[truncated " + (text.length() - max) + " chars]";
  }

  static String headAndTail(String text, int head, int tail) {
    if (text.length() <= head + tail) {
      return text;
    }
    int cut = text.length() - head - tail;
    return text.substring(0, head) + "\n…[truncated " + cut + " chars]…\n" + text.substring(text.length() - tail);
  }
}
