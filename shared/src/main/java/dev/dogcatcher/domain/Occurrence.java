package dev.dogcatcher.domain;

/**
 * The registry's answer to an occurrence of a ticketed error.
 *
 * @param record the item after the update
 * @param commentDue true when the cool-down has passed and this caller won the right to comment
 * @param countSinceComment occurrences since the previous comment (including this one) when a comment is due
 */
public record Occurrence(TicketRecord record, boolean commentDue, long countSinceComment) {}
