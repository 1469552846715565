package dev.dogcatcher.cli.aws;

import dev.dogcatcher.analyzer.AnalyzeError;
import dev.dogcatcher.analyzer.AnalyzerHandler;
import dev.dogcatcher.analyzer.LogQueueMessages;
import dev.dogcatcher.fetcher.FetchErrorLogs;
import dev.dogcatcher.fetcher.FetcherHandler;
import dev.dogcatcher.ticket.FileTicket;
import dev.dogcatcher.ticket.TicketHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;

/**
 * Builds the three Lambda handlers around use cases composed by the caller, so that the CLI's AWS path
 * and the pipeline tests run the very {@code handleRequest} code that Lambda runs.
 *
 * <p>Each handler's use-case constructor is package-private (STYLE: "a package-private one taking the
 * use case for tests"), and its public no-arg constructor reads {@code System.getenv()}, which a JVM
 * cannot change. This second composition root lives in another package, so it reaches the use-case
 * constructors reflectively rather than widening the Lambda classes' API; a renamed constructor fails
 * here at once, naming the handler.
 */
final class Handlers {

  private Handlers() {}

  static FetcherHandler fetcher(FetchErrorLogs fetchErrorLogs, Clock clock) {
    return construct(FetcherHandler.class, new Class<?>[] {FetchErrorLogs.class, Clock.class}, fetchErrorLogs, clock);
  }

  static AnalyzerHandler analyzer(LogQueueMessages messages, AnalyzeError analyzeError) {
    return construct(AnalyzerHandler.class, new Class<?>[] {LogQueueMessages.class, AnalyzeError.class},
        messages, analyzeError);
  }

  static TicketHandler ticket(FileTicket fileTicket) {
    return construct(TicketHandler.class, new Class<?>[] {FileTicket.class}, fileTicket);
  }

  private static <T> T construct(Class<T> type, Class<?>[] parameters, Object... arguments) {
    try {
      Constructor<T> constructor = type.getDeclaredConstructor(parameters);
      constructor.setAccessible(true);
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("cannot build " + type.getSimpleName(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          type.getName() + " has no use-case constructor taking " + java.util.Arrays.toString(parameters), e);
    }
  }
}
