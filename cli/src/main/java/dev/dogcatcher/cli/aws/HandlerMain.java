package dev.dogcatcher.cli.aws;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.dogcatcher.aws.LocalContext;
import dev.dogcatcher.json.Json;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The child JVM's entry point for {@code dogcatcher invoke}: builds the handler with its public no-arg
 * constructor (which reads this JVM's environment, as in Lambda), reads the event with the Lambda Java
 * runtime's own serialisers, invokes the handler once and prints its response as JSON on stdout; an
 * error prints Lambda's {@code {"errorType", "errorMessage"}} instead and exits with 1.
 */
public final class HandlerMain {

  private HandlerMain() {}

  /** Arguments: the function's logical id, its handler class, the event file. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length != 3) {
      System.err.println("usage: HandlerMain <FunctionName> <handler class> <event file>");
      System.exit(2);
    }
    try {
      Object response = invoke(args[0], args[1], Path.of(args[2]));
      out.println(Json.MAPPER.writeValueAsString(response));
      System.exit(0);
    } catch (Exception | Error e) {
      // Print what Lambda returns for a function error; the stack goes to the log (stderr).
      e.printStackTrace();
      Map<String, String> error = new LinkedHashMap<>();
      error.put("errorType", e.getClass().getName());
      error.put("errorMessage", String.valueOf(e.getMessage()));
      try {
        out.println(Json.MAPPER.writeValueAsString(error));
      } catch (Exception unwritable) {
        out.println("{\"errorType\":\"" + e.getClass().getName() + "\"}");
      }
      System.exit(1);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object invoke(String function, String handlerClass, Path eventFile) throws Exception {
    Class<?> type = Class.forName(handlerClass);
    if (!RequestHandler.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(handlerClass + " is not a RequestHandler");
    }
    Class<?> input = inputType(type);
    Object handler;
    try {
      handler = type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      // The handler's init failed (a missing setting, an unreadable secret): report that, as Lambda does.
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    PojoSerializer<?> serializer = LambdaEventSerializers.serializerFor(input, type.getClassLoader());
    Object event;
    try (InputStream in = Files.newInputStream(eventFile)) {
      event = serializer.fromJson(in);
    }
    return ((RequestHandler) handler).handleRequest(event, new LocalContext(function));
  }

  /** The I of the class's {@code RequestHandler<I, O>}. */
  static Class<?> inputType(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Type implemented : c.getGenericInterfaces()) {
        if (implemented instanceof ParameterizedType parameterized
            && parameterized.getRawType() == RequestHandler.class
            && parameterized.getActualTypeArguments()[0] instanceof Class<?> input) {
          return input;
        }
      }
    }
    throw new IllegalArgumentException(type.getName() + " does not name its RequestHandler input type");
  }
}
