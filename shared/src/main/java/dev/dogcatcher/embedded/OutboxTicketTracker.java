package dev.dogcatcher.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dogcatcher.config.Destinations;
import dev.dogcatcher.domain.IssueRef;
import dev.dogcatcher.domain.IssueStatus;
import dev.dogcatcher.domain.Ticket;
import dev.dogcatcher.domain.TrackerRejectedException;
import dev.dogcatcher.domain.TrackerUnavailableException;
import dev.dogcatcher.jira.JiraIssuePayload;
import dev.dogcatcher.jira.JiraProject;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.port.TicketTracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dry-run tracker: each ticket becomes files in a directory instead of a Jira call — the exact
 * Jira create payload ({@code <fingerprint>.json}), a readable rendering ({@code <fingerprint>.md}),
 * and the comment payloads that would follow ({@code <fingerprint>.comments.jsonl}). No network.
 */
public final class OutboxTicketTracker implements TicketTracker {

  private static final Pattern SAFE_FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private final Path directory;
  private final JiraProject project;

  public OutboxTicketTracker(Path directory, JiraProject project) {
    this.directory = directory;
    this.project = project;
  }

  @Override
  public String destination() {
    return Destinations.OUTBOX;
  }

  @Override
  public IssueRef create(Ticket ticket) {
    String name = fileName(ticket.fingerprint());
    ObjectNode payload = JiraIssuePayload.create(ticket, project);
    try {
      Files.createDirectories(directory);
      // The .json file is the commit point (it is what findByLabel sees), so it alone goes through a
      // rename; the readable .md beside it is written first and plainly.
      Files.writeString(directory.resolve(ticket.fingerprint() + ".md"), JiraIssuePayload.markdown(ticket, project),
          StandardCharsets.UTF_8);
      write(directory.resolve(name), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(payload));
    } catch (IOException e) {
      throw new TrackerUnavailableException("cannot write the outbox " + directory + ": " + e.getMessage(), e);
    }
    return new IssueRef(name, directory.resolve(name).toUri().toString());
  }

  /** Outbox tickets are found by their {@code fp-} label (their file name); no other label is indexed. */
  @Override
  public Optional<IssueRef> findByLabel(String label) {
    if (!label.startsWith(Ticket.FINGERPRINT_LABEL)) {
      return Optional.empty();
    }
    Path file = directory.resolve(fileName(label.substring(Ticket.FINGERPRINT_LABEL.length())));
    return Files.exists(file) ? Optional.of(new IssueRef(file.getFileName().toString(), file.toUri().toString()))
        : Optional.empty();
  }

  /**
   * Outbox tickets are never closed, so they are always open — also one another outbox directory holds
   * (a Lambda's dry run writes to /tmp, the CLI's to .dogcatcher/outbox; both are the destination `outbox`).
   */
  @Override
  public IssueStatus status(String issueKey) {
    return IssueStatus.OPEN;
  }

  @Override
  public void comment(String issueKey, String text) {
    appendAction(issueKey, "comment", JiraIssuePayload.comment(text));
  }

  @Override
  public void reopen(String issueKey) {
    appendAction(issueKey, "reopen", Json.MAPPER.createObjectNode());
  }

  private void appendAction(String issueKey, String action, ObjectNode body) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("issue", issueKey);
    line.put("action", action);
    line.set("body", body);
    String comments = issueKey.replaceFirst("\\.json$", "") + ".comments.jsonl";
    try {
      Files.writeString(directory.resolve(comments), Json.MAPPER.writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new TrackerUnavailableException("cannot write the outbox " + directory + ": " + e.getMessage(), e);
    }
  }

  private static String fileName(String fingerprint) {
    if (!SAFE_FINGERPRINT.matcher(fingerprint).matches()) {
      throw new TrackerRejectedException("fingerprint is not a safe file name: " + fingerprint.length() + " chars");
    }
    return fingerprint + ".json";
  }

  /** Writes through a temporary file and a rename, so a crash never leaves half a payload. */
  private static void write(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
