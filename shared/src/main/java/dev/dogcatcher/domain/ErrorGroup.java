package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * All logs of one fingerprint within a fetch window: the LogQueue message (schema 1).
 *
 * <p>{@code aliases} are labels under which this error may already have a ticket filed by someone
 * else: the Python tool's {@code loghash-<h>} (computed from the raw message, before redaction), or an
 * earlier fingerprint version's {@code fp-<value>}. The ticket stage looks for them before filing.
 */
public record ErrorGroup(
    int schema,
    String runId,
    String fingerprint,
    int fingerprintVersion,
    String service,
    String env,
    String errorKind,
    String template,
    Sample sample,
    long count,
    Instant firstSeen,
    Instant lastSeen,
    List<String> logIds,
    List<String> aliases) {

  /** The message schema this code writes. */
  public static final int SCHEMA = 1;

  /** At most this many log ids travel with a group; the count says how many there were. */
  public static final int MAX_LOG_IDS = 20;

  public ErrorGroup {
    requireNonNull(runId, "runId == null");
    requireNonNull(fingerprint, "fingerprint == null");
    if (fingerprint.isBlank()) {
      throw new IllegalArgumentException("fingerprint is blank");
    }
    service = ErrorLog.orEmpty(service);
    env = ErrorLog.orEmpty(env);
    errorKind = ErrorLog.orEmpty(errorKind);
    template = ErrorLog.orEmpty(template);
    requireNonNull(sample, "sample == null");
    requireNonNull(firstSeen, "firstSeen == null");
    requireNonNull(lastSeen, "lastSeen == null");
    if (count < 1) {
      throw new IllegalArgumentException("count < 1: " + count);
    }
    logIds = logIds == null ? List.of() : List.copyOf(logIds);
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  /** The same group with another template and sample, for redaction. */
  public ErrorGroup withText(String newTemplate, Sample newSample) {
    return new ErrorGroup(schema, runId, fingerprint, fingerprintVersion, service, env, errorKind,
        newTemplate, newSample, count, firstSeen, lastSeen, logIds, aliases);
  }
}
