package dev.dogcatcher.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dogcatcher.analyzer.llm.LlmUsage;
import java.util.List;

/**
 * What one local run did, written by {@code dogcatcher run --report FILE}. Every log read is in
 * exactly one group's {@code log_ids} or in {@code skipped}. {@code failed} counts failed attempts
 * (each retried, as SQS would); {@code dead_lettered} counts groups that failed every attempt. The LLM's
 * calls and tokens come from the analyst's own counters ({@link #withLlmUsage}); zero without an LLM.
 */
record RunReport(
    @JsonProperty("run_id") String runId,
    @JsonProperty("source") String source,
    @JsonProperty("destination") String destination,
    @JsonProperty("logs_read") long logsRead,
    @JsonProperty("skipped_invalid") long skippedInvalid,
    @JsonProperty("error_groups") long errorGroups,
    @JsonProperty("new_groups") long newGroups,
    @JsonProperty("analyzed") long analyzed,
    @JsonProperty("llm_calls") long llmCalls,
    @JsonProperty("llm_input_tokens") long llmInputTokens,
    @JsonProperty("llm_output_tokens") long llmOutputTokens,
    @JsonProperty("tickets_created") long ticketsCreated,
    @JsonProperty("occurrences_recorded") long occurrencesRecorded,
    @JsonProperty("reopened") long reopened,
    @JsonProperty("duplicates_suppressed") long duplicatesSuppressed,
    @JsonProperty("capped") long capped,
    @JsonProperty("failed") long failed,
    @JsonProperty("dead_lettered") long deadLettered,
    @JsonProperty("wall_ms") long wallMs,
    @JsonProperty("skipped") List<Skipped> skipped,
    @JsonProperty("groups") List<Group> groups) {

  /** This report with the LLM's own counts: calls it answered or failed, and the tokens they used. */
  RunReport withLlmUsage(LlmUsage usage) {
    return new RunReport(runId, source, destination, logsRead, skippedInvalid, errorGroups, newGroups, analyzed,
        usage.calls(), usage.inputTokens(), usage.outputTokens(), ticketsCreated, occurrencesRecorded, reopened,
        duplicatesSuppressed, capped, failed, deadLettered, wallMs, skipped, groups);
  }

  /** A log that could not be read. */
  record Skipped(@JsonProperty("position") String position, @JsonProperty("reason") String reason) {}

  /** One error group and what became of it. */
  record Group(
      @JsonProperty("fingerprint") String fingerprint,
      @JsonProperty("service") String service,
      @JsonProperty("title") String title,
      @JsonProperty("severity") String severity,
      @JsonProperty("analyst") String analyst,
      @JsonProperty("count") long count,
      @JsonProperty("outcome") String outcome,
      @JsonProperty("issue") String issue,
      @JsonProperty("reason") String reason,
      @JsonProperty("log_ids") List<String> logIds) {}
}
